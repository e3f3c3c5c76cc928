/* cmd_audit.c — `zhijian audit` (cli.md). Not built yet: exits 1 with a message. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

int cmd_audit(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--help")) {
        printf("usage: zhijian audit [options]\n(not available in this build yet)\n");
        return EXIT_OK;
    }
    fprintf(stderr, "zhijian audit: not available in this build yet\n");
    return EXIT_FAIL;
}
