/* redact: the one function that takes secrets out of text before it is
 * shown, printed or logged.
 *
 * Every path that may echo a request (the client's copy of a string-to-
 * sign, a server message that quotes one, the CLI's error lines and -v
 * output, the TUI's status line and log, the audit record) runs its text
 * through redact_text(), so their coverage cannot differ. What it covers
 * and why: docs/wire-reference.md#what-a-request-carries. */
#ifndef ALICFG_REDACT_H
#define ALICFG_REDACT_H

#include <stddef.h>

#include "buf.h"

#define REDACTED "<redacted>"

/* In `text`:
 * - each of the `n` `secrets` (NULL entries and ones under 4 bytes are
 *   skipped) as written and percent-encoded once and twice becomes
 *   REDACTED;
 * - the value of every SecurityToken parameter (plain, percent-encoded
 *   once or twice) and x-acs-security-token header becomes REDACTED,
 *   whoever's token it is;
 * - the value of every AccessKeyId parameter is masked like every key id
 *   (cred_mask_key_id: LTAI****abcd). */
void redact_text(struct buf *text, const char *const *secrets, size_t n);

#endif
