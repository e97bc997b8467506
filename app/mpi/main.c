/*
 * main.c — govsim-mpi: the govsim command line with its replications spread
 * over MPI ranks. `mpirun -np K govsim-mpi run|compare|sweep ...` takes the
 * same arguments as govsim and writes the same bytes; rank 0 alone prints and
 * writes. Only the main thread of each rank calls MPI.
 */
#include <mpi.h>
#include <stdio.h>

#include "cli_mpi.h"

int main(int argc, char **argv)
{
    cli_process_setup();
    int provided = MPI_THREAD_SINGLE;
    if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        fprintf(stderr, "govsim: cannot start MPI\n");
        return 1;
    }
    if (provided < MPI_THREAD_FUNNELED) {
        fprintf(stderr, "govsim: this MPI library cannot be used with threads (MPI_THREAD_FUNNELED)\n");
        MPI_Finalize();
        return 1;
    }
    /* An MPI error ends the job with a message rather than hanging a rank. */
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_ARE_FATAL);
    cli_dist d;
    cli_mpi_dist(&d);
    int status = cli_main_dist(argc, argv, &d);
    MPI_Finalize();
    return status;
}
