/*
 * gov_state.h — the state of one replication of the governance model: the
 * types every module of the model (models/governance/gov_*.c) and every
 * routing rule (gov_route.h) shares, as Lua's lstate.h is for its modules.
 * Types only: each module declares its functions in its own header, so the
 * modules depend on each other one way (docs/architecture.md draws the order).
 *
 * One gov_model is one replication: it owns a kernel, the region's staff pools,
 * the open cases and the statistics. Nothing in it is shared between threads.
 *
 * The life of a case (hop = where it is; transitions in gov_case.c):
 *
 *   A problem is born. Nobody may know of it yet: HOP_LATENT, in its grid's
 *   list, until a patrol finds it (gov_demand.c), a resident reports it, or it
 *   worsens (its timer, gov_contact.c). Once known it is a case:
 *   known ─channel──▶ HOP_GRID_INTAKE (grid worker takes the report; a response)
 *        │            HOP_HOTLINE_INTAKE (12345 call-taker) ── answered at intake ──▶ resolved
 *        │            (patrol: found by the grid worker; a response)
 *        └ app ─────▶ (straight to the routing rule)
 *   after intake the routing rule moves it through steps (HOP_STEP: community
 *   review, forwarding, street or hotline dispatch), waits (HOP_WAIT: a batched
 *   forward) or postings (HOP_POSTED: offered to several units) until it is
 *   assigned to its resolving unit: HOP_RESOLVE (travel + handling) ──▶ resolved,
 *   or HOP_CONSULT_PREP ──▶ HOP_MEETING_WAIT ──▶ resolved at the meeting.
 *   Patience: each time the resident's patience runs out while the case is
 *   open, a repeat contact (to 12345 with escalate_share); after max_contacts, a
 *   case still waiting in a queue is abandoned (gov_contact.c).
 */
#ifndef GOV_STATE_H
#define GOV_STATE_H

#include <stdint.h>
#include <stdio.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "gov_config.h"
#include "sim.h"
#include "sim_resource.h"
#include "sim_stats.h"

enum gov_role {
    ROLE_GRID = 0,
    ROLE_COMMUNITY,
    ROLE_STREET,
    ROLE_DEPARTMENT,
    ROLE_HOTLINE,
    ROLE_VOLUNTEER,
    ROLE_PROPERTY,            /* property companies' staff (物业) */
    ROLE_SOCIAL,              /* social organisations' purchased services */
    GOV_N_ROLES
};

/* Random purposes: each has its own stream per replication (sim_rng.h). */
enum gov_stream {
    STREAM_ARRIVAL = 1,  /* arrival times and everything drawn about a case at birth */
    STREAM_SERVICE,      /* intake, forwarding and dispatch work */
    STREAM_PATROL,       /* patrol timing and detection */
    STREAM_BEHAVIOUR,    /* residents' choices after birth (escalation) */
    STREAM_ADMIN,        /* administrative and line tasks */
    STREAM_WORKFORCE,    /* quits */
    STREAM_DUPLICATE,    /* multi-platform duplicate dispatches */
    GOV_N_STREAMS
};

/* Where a case is. Steps, waits and postings belong to the routing rules. */
enum gov_hop {
    HOP_NONE = 0,         /* reported through the app, not yet routed */
    HOP_LATENT,           /* a problem nobody knows of yet */
    HOP_GRID_INTAKE,
    HOP_HOTLINE_INTAKE,
    HOP_STEP,             /* a step of the rule's path at a pool (c->step) */
    HOP_WAIT,             /* waiting for a rule's timer (a batched forward) */
    HOP_POSTED,           /* offered to several units; none has taken it yet */
    HOP_RESOLVE,          /* at the resolving unit */
    HOP_CONSULT_PREP,     /* community prepares a case for the meeting */
    HOP_MEETING_WAIT,     /* waiting for the micro-consultation */
    GOV_N_HOPS
};

/* SLOT_LEAVING: retired while busy; the kernel keeps the server active until its
 * job ends, but it is no longer part of the pool's staff. */
enum gov_slot_flags { SLOT_PART_TIME = 1u << 0, SLOT_SUNK = 1u << 1, SLOT_LEAVING = 1u << 2 };

enum gov_work_kind { WK_CASE = 0, WK_ADMIN, WK_PATROL, WK_DUPLICATE, WK_CONTACT, WK_FOLLOWUP, WK_TICKET,
                     WK_UNIT_CONTACT /* a unit contacts the resident of a 12345 request (owner, ref: its generation) */ };

typedef struct gov_pool gov_pool;
typedef struct gov_case gov_case;
typedef struct gov_model gov_model;
typedef struct gov_shifts gov_shifts;
typedef struct gov_patience gov_patience;
typedef struct route_ops route_ops;
typedef struct gov_step gov_step;

/* Anything a staff member works on. The job is embedded: queueing never allocates. */
typedef struct gov_work {
    sim_job job;
    uint8_t kind;           /* enum gov_work_kind */
    gov_pool *pool;         /* where it is queued or served */
    sim_resource *res;      /* pool->res while served: lookahead reads it without the pool */
    double duration;        /* service time, fixed at start */
    gov_case *owner;        /* WK_TICKET, WK_UNIT_CONTACT: the case it stands for */
    uint32_t ref;           /* WK_PATROL: grid index; WK_UNIT_CONTACT: the case record's generation */
} gov_work;

struct gov_pool {
    sim_resource *res;
    uint8_t role;             /* enum gov_role */
    int8_t cls;               /* area class of the community, -1 for shared pools */
    uint32_t owner;           /* community, street or district index */
    int department;           /* department index for ROLE_DEPARTMENT, else -1 */
    uint8_t owner_is_street;  /* department staff stationed at a street */
    unsigned base_headcount;  /* headcount set by the policy (before quits and sinking) */
    double allowance;         /* hours a queued task may wait (its due time = arrival + allowance) */
    double *hired_at;         /* per server slot: time of hire (-inf: experienced) */
    double last_hire;         /* the latest of hired_at: past the learning period, nobody is learning */
    uint8_t *slot_flags;      /* per server slot: SLOT_* */
    unsigned slots_cap;
    /* workforce accounting since the last check */
    double ot_mark, worked_mark;
    double recent_ot_share;
    unsigned vacancies_pending;
    unsigned sunk;            /* cadres sunk into this pool (下沉) */
    double admin_rate;        /* administrative tasks per hour arriving at the pool */
    /* accounting across the replication */
    double headcount_area;    /* integral of headcount over time since reset */
    double headcount_t;       /* time of the last headcount change */
    unsigned quits;
    double points;            /* points earned by taking cases (grab) */
};

typedef struct gov_grid {
    uint32_t community;
    uint8_t patrol_waiting;   /* a patrol request is queued: do not stack another */
    double households;        /* households of the grid (its community's, shared evenly) */
    gov_case *latent;         /* problems nobody knows of yet, oldest first (doubly linked) */
    gov_case *latent_tail;
} gov_grid;

typedef struct gov_community {
    const char *name;
    uint8_t cls;
    uint32_t street, district;
    double residents, households;
    uint32_t grid_first, n_grids;
    gov_pool grid, comm, vol; /* vol.res is NULL without volunteers */
    gov_pool prop;            /* the property company's staff; res NULL without one */
    gov_case *meeting_head, *meeting_tail; /* cases waiting for the meeting */
} gov_community;

typedef struct gov_street {
    uint32_t district;
    double residents;
    gov_pool command;
    gov_pool social;          /* social organisations' services its communities' budgets buy; res NULL: none */
    gov_pool *stationed;      /* per department; res NULL when none stationed */
} gov_street;

typedef struct gov_district {
    double residents;
    gov_pool *dept;           /* per department */
} gov_district;

enum gov_case_flags {
    CF_ON_SPOT = 1u << 0,     /* fixed by the grid worker at first contact */
    CF_AT_INTAKE = 1u << 1,   /* a hotline call answered at intake */
    CF_RESPONDED = 1u << 2,
    CF_ESCALATED = 1u << 3,   /* the resident has called 12345 about it */
    CF_IN_SERVICE = 1u << 4,
    CF_FOUND = 1u << 5,       /* found on patrol, not reported */
    CF_COUNTED = 1u << 6,     /* known after warm-up: counts in the case KPIs */
    CF_ONSITE_OK = 1u << 7,   /* whistle: on site within the limit */
    CF_LATENT = 1u << 8,      /* born latent (nobody reported it at once) */
    CF_REPORTED = 1u << 9,    /* a resident has complained about it */
    CF_PROBLEM = 1u << 10,    /* born after warm-up: counts in the problem KPIs */
    CF_KNOWN = 1u << 11,      /* known (reported or found) */
    CF_WORSENS = 1u << 12,    /* its latent timer is the time it worsens, before report_at */
    CF_REWORK = 1u << 13,     /* an actor's fix did not hold: the community takes it over */
    CF_REQUEST = 1u << 14,    /* a 12345 request (called in, or escalated to 12345): counted in the hotline rates */
    CF_CONTACTED = 1u << 15,  /* the unit has contacted the resident (or 12345 answered at intake) */
    CF_CONTACT_OK = 1u << 16, /* ... within the request's contact limit */
    CF_UNFIXED = 1u << 17,    /* closed without being fixed (an explanation, a referral) */
    CF_RETURNED = 1u << 18,   /* dispatched to the wrong unit once and sent back (退单) */
};

/* Per-case room for the routing rule's own state (route_ops.state_size). */
enum { GOV_RULE_STATE_BYTES = 40 };

struct gov_case {
    gov_work w;               /* the case's own job, at its current pool */
    uint64_t id;
    uint16_t category;
    uint8_t cls, channel, hop, contacts, resolver;
    uint8_t rule_held;        /* 1 + the index of the rule whose state rule_state holds; 0: none */
    uint32_t flags;
    uint32_t community, grid;
    uint8_t report_channel;   /* the channel its resident uses (a found case's too) */
    uint8_t hops;             /* queues it has joined (or posts it was offered in), for the records */
    float u_on_spot, u_at_intake; /* drawn at birth: decided when it is known (worsening changes the category) */
    float u_actor, u_quality; /* drawn at birth: whether an actor takes it, whether its fix holds */
    float u_fix;              /* drawn at birth: whether the unit that closes it fixes it */
    float contacted_after;    /* hours from the request to the resident's contact (CF_CONTACTED), for the records */
    double requested;         /* it became a 12345 request (called in or escalated): the contact limit counts from it */
    double born;              /* the problem arose */
    double known;             /* it was reported or found (NaN while latent) */
    double report_at;         /* a resident complains then if it is still open (latent or found) */
    double patience_h;        /* the resident's patience, drawn at birth */
    double responded;         /* time of first response, NaN until then */
    double hop_since;         /* when the current hop began (trace) */
    double whistle_at;        /* assignment (dispatch) time: the on-site limit counts from it */
    double u_work, u_sat;     /* drawn at birth: common random numbers */
    double timer_at;          /* when the resident's patience runs out next */
    sim_event_id timer;       /* that event, once in the kernel (gov_patience.c) */
    const gov_step *step;     /* HOP_STEP: which step */
    uint32_t ix;              /* index of the record (gov_case_at), fixed for its life */
    gov_case *next, *prev;    /* free list / meeting list / the grid's latent list */
    _Alignas(8) unsigned char rule_state[GOV_RULE_STATE_BYTES];
};

/* ---- statistics (gov_stats.c) ---- */

typedef struct gov_group_stats {
    /* problems, from their birth */
    uint64_t problems;            /* born after the warm-up */
    uint64_t prob_due, prob_ok;   /* decided (closed, or open past the limit), and resolved within it */
    uint64_t proactive;           /* resolved before any resident complained (未诉先办) */
    uint64_t discovered, by_patrol; /* known, and found on patrol */
    uint64_t worsened;            /* worsened while latent */
    sim_tally discovery_h;        /* birth to known */
    sim_timeavg latent;           /* problems nobody knows of */
    uint64_t latent_now;
    /* cases, from the moment they are known */
    uint64_t born, resolved, abandoned;
    uint64_t resp_due, resp_ok;   /* cases whose response is decided, and in time */
    uint64_t res_due, res_ok;     /* the same for resolution */
    uint64_t surveyed, satisfied;
    uint64_t repeat_contacts;
    sim_tally response_min;       /* known to first response, minutes */
    sim_tally resolution_h;       /* known to resolution, hours */
    sim_sketch *resolution;       /* distribution of resolution times (h) */
    sim_timeavg backlog;          /* open cases */
    uint64_t open;                /* open now, counted or not */
    uint64_t open_counted;        /* open now and known after warm-up */
    /* 12345 requests, as the city measures them */
    uint64_t req, req_due, req_contact_ok, req_closed, req_fixed, req_satisfied;
} gov_group_stats;

/* One accountability unit's 12345 requests closed this month (gov_account.c). */
typedef struct gov_unit_month {
    uint32_t closed, contact_ok, fixed, satisfied;
} gov_unit_month;

typedef struct gov_stats {
    gov_group_stats grp[1 + GOV_N_CLASSES]; /* 0: all, then per class */
    double case_work_h, duplicate_work_h; /* work completed on cases and duplicates */
    double admin_h[GOV_N_ROLES];          /* administrative / line work completed */
    uint64_t onsite_due, onsite_ok;       /* urgent department cases: on site in time */
    uint64_t duplicates;
    uint64_t open_by_role[GOV_N_ROLES];
    uint64_t resolved_cum;               /* since time 0, for the time series */
    uint64_t iv_closed, iv_contact_ok, iv_fixed, iv_satisfied; /* 12345 requests closed since the last sample */
    uint64_t topics;                     /* monthly topics chosen after the warm-up */
    double series_busy_mark[GOV_N_ROLES], series_avail_mark[GOV_N_ROLES];
    size_t series_next;                  /* next time-series row to fill */
} gov_stats;

/* ---- the model of one replication ---- */

enum { GOV_DIST_MEMO = 16 };
typedef struct gov_dist_memo {
    const gov_dist_cfg *d;
    double mean, cv, mu, sigma;
} gov_dist_memo;

struct gov_model {
    const gov_config *cfg;
    sim_t *sim;
    gsl_rng *rng[GOV_N_STREAMS];
    sim_err *err;
    const route_ops *const *rules; /* the routing registry, by index (gov_routing_cfg.rule) */
    size_t n_rules;
    /* Callbacks of modules above the case life cycle (set by gov_model.c), so
     * that the life cycle does not depend on them. */
    void (*on_patience)(gov_model *m, gov_case *c);   /* a resident's patience ran out */
    void (*on_patrol_done)(gov_model *m, gov_work *w); /* a patrol ended */

    gov_community *comm;
    size_t n_comm;
    gov_grid *grids;
    size_t n_grids;
    gov_street *streets;
    size_t n_streets;
    gov_district *districts;
    size_t n_districts;
    gov_pool hotline;
    double residents;         /* of the whole region */
    gov_pool **pools;         /* every pool, for statistics and shifts */
    char *names;              /* generated community names, 32 bytes each */
    size_t *street_district;  /* district of each street */
    size_t n_pools;
    size_t n_dept;
    size_t n_cat;

    const gov_policy_cfg *policy[GOV_N_CLASSES]; /* in force now */
    double demand_multiplier;

    /* demand */
    gsl_ran_discrete_t *where;                 /* community of a new problem */
    gsl_ran_discrete_t *mix[GOV_N_CLASSES];    /* category of a new problem */
    double rate_per_h;                         /* mean demand per hour, whole region */
    double daily_scale, weekly_scale;          /* normalise the profiles to mean 1 */
    size_t n_cat_surges;                       /* surges of a single category */
    double piece_start, piece_end, piece_rate; /* the demand rate's current piece [start, end) (gov_demand.c) */
    double *latent_scale;                      /* per category: Weibull scale of a latent problem's report */

    /* memory: cases and work items come from slabs, recycled through free lists */
    gov_case *free_cases;
    gov_work **free_work;     /* stack of free work records (gov_mem.c), room for all of them */
    size_t n_free_work;
    void **slabs;             /* every block allocated for cases and work items */
    size_t n_slabs, cap_slabs;
    char *block_next;         /* the rest of the last block, for the next slab */
    size_t block_left;
    size_t n_work_slabs;
    gov_case **case_slabs;    /* the blocks of cases, to visit open cases at the end */
    size_t n_case_slabs;
    uint32_t *case_gen;       /* per case record: bumped when it is released */
    gov_patience *patience;   /* patience timers not yet in the kernel */
    uint64_t cases_live, cases_peak, work_live, work_peak; /* records in use (gov_run_memory) */
    int *cat_dept;            /* per category: department index, or -1 */
    unsigned *sink_taken;     /* per sinking entry x district x department: staff moved */
    double *scratch;          /* n_comm + n_dept doubles + as many unsigneds, for apportioning */
    gov_shifts *shifts;       /* the pools each shift boundary may change (gov_shift.c) */
    gov_dist_memo dist_memo[GOV_DIST_MEMO]; /* lognormal parameters (gov_quantile) */
    uint64_t next_case_id;

    /* accountability units: each street, then each district's departments */
    size_t n_units;
    double *pressure;                          /* per unit */
    gov_unit_month *unit_month;                /* per unit, this month */
    /* 每月一题 */
    double *topic_mult;                        /* per category: births kept */
    uint8_t *topic_chosen;                     /* per category: treated already */
    uint32_t *cat_requests;                    /* per category: 12345 requests this month */

    gov_stats st;
    struct sim_rep_result *out;                /* the replication's result */
    FILE *trace;                               /* the per-event trace (tests), or NULL */
    FILE *records;                             /* one row per case (--trace), or NULL */
};

#endif
