/* gov_mem.h — records of cases and staff tasks, from slabs, recycled (gov_mem.c). */
#ifndef GOV_MEM_H
#define GOV_MEM_H

#include "gov.h"
#include "gov_state.h"

/* A zeroed task record of the given kind (enum gov_work_kind), or NULL after
 * failing the kernel (out of memory). */
gov_work *gov_work_new(gov_model *m, int kind);
void gov_work_free(gov_model *m, gov_work *w);
/* Remember a block to free with the model. 0, or -1 when memory is short. */
int gov_slab_add(gov_model *m, void *block);
/* A zeroed case record (its index kept), or NULL after failing the kernel. */
gov_case *gov_case_alloc(gov_model *m);
void gov_case_release(gov_model *m, gov_case *c);
gov_case *gov_case_at(const gov_model *m, uint32_t ix);
/* fn on every case record in use. */
void gov_case_foreach_open(gov_model *m, void (*fn)(gov_model *, gov_case *));
void gov_memory_report(const gov_model *m, gov_run_memory *out);

#endif
