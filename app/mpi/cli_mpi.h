/*
 * cli_mpi.h — the command line over MPI ranks (govsim-mpi only; see cli.h,
 * cli_dist, and the design notes at the top of cli_mpi.c).
 */
#ifndef CLI_MPI_H
#define CLI_MPI_H

#include "cli.h"

/* Fill d for this process of MPI_COMM_WORLD (after MPI_Init_thread). */
int cli_mpi_dist(cli_dist *d);

#endif
