/* completion: bash, zsh and fish completion scripts generated from the
 * option and command tables behind --help (options.h), so a new flag or
 * command completes as soon as it parses. */
#ifndef ALICFG_COMPLETION_H
#define ALICFG_COMPLETION_H

#include <stdio.h>

/* shell: "bash", "zsh", "fish", or "profiles" (the profile names of the
 * credential files, one a line, which the scripts call at completion
 * time). Returns 0, or -1 on an unknown shell or a write error. */
int completion_print(FILE *out, const char *shell);

#endif
