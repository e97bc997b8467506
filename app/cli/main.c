/* main.c — the govsim program: process setup (cli_setup.c), then cli_main(). */
#include "cli.h"

int main(int argc, char **argv)
{
    cli_process_setup();
    return cli_main(argc, argv);
}
