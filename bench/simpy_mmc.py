"""The M/M/c of bench_kernel (c = 10, lambda = 9/h, mu = 1/h) in SimPy.

Debian's python3-simpy is SimPy 2.3.1, the classic process-interaction API
(from SimPy.Simulation import *: Process classes, yield hold / request /
release, Resource). Prints "key: value" lines like bench_kernel.

Events are counted as govsim counts them for the same model: one arrival and
one departure per customer, so events = 2 x customers. (SimPy itself schedules
more internal events per customer: the source's hold, the customer's activation,
the service hold and the reactivation after a wait; counting those would flatter
SimPy's figure without it doing more model work.)

Usage: simpy_mmc.py [CUSTOMERS]
"""
import random
import sys
import time

from SimPy.Simulation import (Process, Resource, activate, hold, initialize, now, release,
                               request, simulate)

LAMBDA, MU, SERVERS = 9.0, 1.0, 10


class Customer(Process):
    def visit(self, servers, rng, waits):
        arrived = now()
        yield request, self, servers
        waits.append(now() - arrived)
        yield hold, self, rng.expovariate(MU)
        yield release, self, servers


class Source(Process):
    def generate(self, n, servers, rng_arr, rng_srv, waits):
        for _ in range(n):
            c = Customer()
            activate(c, c.visit(servers, rng_srv, waits))
            yield hold, self, rng_arr.expovariate(LAMBDA)


def run(customers):
    rng_arr, rng_srv = random.Random(1), random.Random(2)
    waits = []
    initialize()
    servers = Resource(capacity=SERVERS, name="servers", unitName="server")
    src = Source()
    activate(src, src.generate(customers, servers, rng_arr, rng_srv, waits))
    t0 = time.perf_counter()
    simulate(until=1e18)
    return time.perf_counter() - t0, sum(waits) / len(waits)


def main():
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    # Best of three identical runs, as bench_kernel does.
    dt, wait = min(run(customers) for _ in range(3))
    events = 2 * customers
    print("simpy_mmc_customers: %d" % customers)
    print("simpy_mmc_events: %d" % events)
    print("simpy_mmc_wall_s: %.3f" % dt)
    print("simpy_mmc_events_per_s: %.0f" % (events / dt))
    print("simpy_mmc_mean_wait_h: %.4f" % wait)


if __name__ == "__main__":
    main()
