/* export: `x` writes the focused pane's rows, as filtered and sorted on
 * screen, with every visible column, to alicfg-<pane>-<UTC time>.csv in
 * the current directory (RFC 4180, through output.h's CSV writer). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "tui.h"

static int
write_rows(struct tui *t, FILE *f, size_t *nrows, struct err *e)
{
	enum store_pane pane = t->focus;
	int ncols = store_column_count(pane);
	/* GROUPS (the last column) belongs to the Directory entry only. */
	struct store_group *sel = store_selected_group(t->store);
	if (pane == STORE_MEMBERS && !(sel && sel->pinned))
		ncols = MEMBER_COL_GROUPS;
	const char *cells[(int)MEMBER_NCOLS + (int)GROUP_NCOLS + 1];
	char buf[(int)GROUP_NCOLS + (int)MEMBER_NCOLS + 1][512];
	for (int c = 0; c < ncols; c++)
		cells[c] = store_column_name(pane, c);
	int extra = 0;
	if (pane == STORE_MEMBERS)
		cells[ncols + extra++] = "MARKED";
	if (output_csv_row(f, cells, (size_t)(ncols + extra), e) < 0)
		return -1;
	struct store_view *v = store_view(t->store, pane);
	*nrows = 0;
	for (size_t r = 0; r < v->nrows; r++) {
		if (pane == STORE_GROUPS) {
			struct store_group *g = store_view_group(t->store, r);
			if (!g)
				continue;
			for (int c = 0; c < ncols; c++) {
				store_group_cell(t->store, g, c, buf[c],
					sizeof(buf[c]));
				cells[c] = buf[c];
			}
		} else {
			struct store_account *a = store_view_member(t->store, r);
			if (!a)
				continue;
			for (int c = 0; c < ncols; c++) {
				store_member_cell(a, c, buf[c], sizeof(buf[c]));
				cells[c] = buf[c];
			}
			cells[ncols] = a->marked ? "yes" : "no";
		}
		if (output_csv_row(f, cells, (size_t)(ncols + extra), e) < 0)
			return -1;
		(*nrows)++;
	}
	return 0;
}

void
export_pane(struct tui *t)
{
	char name[128], stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(name, sizeof(name), "alicfg-%s-%s.csv",
		t->focus == STORE_GROUPS ? "groups" : "members", stamp);
	/* never overwrite: a second export in the same second fails loudly */
	int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		tui_status(t, STATUS_ERROR, "export: cannot create %s: %s",
			name, strerror(errno));
		return;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		tui_status(t, STATUS_ERROR, "export: %s", strerror(errno));
		return;
	}
	struct err e;
	err_clear(&e);
	size_t n = 0;
	int rc = write_rows(t, f, &n, &e);
	if (fclose(f) != 0 && rc == 0) {
		err_set(&e, ERR_SYSTEM, "writing %s: %s", name, strerror(errno));
		rc = -1;
	}
	if (rc < 0) {
		tui_status_err(t, "export", &e);
		return;
	}
	tui_status(t, STATUS_INFO, "exported %zu row%s to %s", n,
		n == 1 ? "" : "s", name);
}
