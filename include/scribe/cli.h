/* The command line: `scribe [--dir DIR] [COMMAND [ARGS]]`. */
#ifndef SCRIBE_CLI_H
#define SCRIBE_CLI_H

/* Runs the command in argv; returns the exit status (sysexits.h). */
int cli_main(int argc, char **argv);

#endif
