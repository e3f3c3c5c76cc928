/* cmd_models.c — `zhijian models` (cli.md). Not built yet: exits 1 with a message. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

int cmd_models(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--help")) {
        printf("usage: zhijian models [options]\n(not available in this build yet)\n");
        return EXIT_OK;
    }
    fprintf(stderr, "zhijian models: not available in this build yet\n");
    return EXIT_FAIL;
}
