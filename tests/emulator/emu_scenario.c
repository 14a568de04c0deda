/* emu_scenario: the built-in scenarios (the pinned demo directory and the
 * generated scale directory) and the checks every scenario passes before the
 * server trusts it. The demo's facts are pinned in notes/demo-facts.md:
 * other engineers' tests rely on them, so change them only together. */
#include "emu.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

const char *const emu_default_resource_types[] = {
	"ACS::ECS::Instance",
	"ACS::ECS::NetworkInterface",
	"ACS::ECS::SecurityGroup",
	"ACS::OSS::Bucket",
	"ACS::RAM::User",
	"ACS::VPC::VPC",
};
const size_t emu_n_default_resource_types =
	sizeof(emu_default_resource_types) / sizeof(emu_default_resource_types[0]);

static const char *const emu_recorder_names[] = {
	"REGISTRABLE", "BUILDING", "REGISTERED", "REBUILDING",
};

const char *
emu_recorder_name(enum emu_recorder r)
{
	return emu_recorder_names[r];
}

int
emu_recorder_parse(const char *s, enum emu_recorder *out)
{
	for (int i = 0; i < 4; i++) {
		if (strcmp(s, emu_recorder_names[i]) == 0) {
			*out = (enum emu_recorder)i;
			return 0;
		}
	}
	return -1;
}

#define DEMO_MGMT INT64_C(1000000000000001)
#define DEMO_ID(n) (DEMO_MGMT - 1 + (n))

/* The demo directory: ids 1000000000000001 + (row - 1). */
static const struct {
	const char *name;
	enum emu_recorder status;
} demo_accounts[] = {
	{"acme-management", EMU_REGISTERED},                        /* 01 */
	{"prod-web", EMU_REGISTERED},
	{"prod-api", EMU_REGISTERED},
	{"prod-db", EMU_REGISTERED},
	{"prod-cache", EMU_REGISTERED},
	{"prod-search", EMU_REGISTRABLE},
	{"prod-batch", EMU_BUILDING},
	{"shared-network", EMU_REGISTERED},
	{"security-logs", EMU_REGISTERED},
	{"dev-sandbox", EMU_REGISTRABLE},                            /* 10 */
	{"qa-sandbox", EMU_REGISTRABLE},
	{"staging-eu", EMU_REGISTRABLE},
	{"生产环境-核心账号", EMU_REGISTERED},
	{"migration-temp", EMU_BUILDING},
	{"legacy-billing", EMU_REBUILDING},
	{"acme-international-holdings-regional-data-platform-analytics-"
	 "production-eu-central", EMU_REGISTRABLE},                   /* 16 */
	{"测试环境-华东一区", EMU_REGISTRABLE},
	{"データ分析-東京", EMU_REGISTERED},
	{"finance-reporting", EMU_REGISTERED},
	{"hr-systems", EMU_REBUILDING},                              /* 20 */
	{"prod-payments", EMU_REGISTERED},
	{"prod-identity", EMU_REGISTERED},
	{"prod-messaging", EMU_REGISTRABLE},
	{"prod-cdn", EMU_REGISTERED},
	{"prod-analytics", EMU_BUILDING},
	{"staging-us", EMU_REGISTRABLE},
	{"staging-ap", EMU_REGISTERED},
	{"ml-training", EMU_REGISTRABLE},
	{"ml-inference", EMU_REGISTERED},
	{"data-lake", EMU_REGISTERED},                               /* 30 */
	{"data-warehouse", EMU_REBUILDING},
	{"backup-vault", EMU_REGISTERED},
	{"dr-site-beijing", EMU_REGISTRABLE},
	{"dr-site-hangzhou", EMU_REGISTERED},
	{"marketing-web", EMU_REGISTRABLE},
	{"sales-crm", EMU_REGISTERED},
	{"support-desk", EMU_REGISTERED},
	{"r&d <lab> \"alpha\"", EMU_REGISTRABLE},
	{"iot-edge", EMU_BUILDING},
	{"iot-platform", EMU_REGISTERED},                            /* 40 */
	{"game-server-cn", EMU_REGISTERED},
	{"game-server-sg", EMU_REGISTRABLE},
	{"运维平台", EMU_REGISTERED},
	{"财务系统-报表与结算中心-华北二区-生产环境-长期保留账号", EMU_REGISTRABLE},
	{"audit-archive", EMU_REGISTERED},
	{"network-hub", EMU_REGISTERED},
	{"ci-runners", EMU_REGISTRABLE},
	{"artifact-registry", EMU_REGISTERED},
	{"observability", EMU_REGISTERED},
	{"sec-tooling", EMU_REBUILDING},                             /* 50 */
	{"partner-integration", EMU_REGISTRABLE},
	{"mobile-backend", EMU_REGISTERED},
	{"web-frontend", EMU_REGISTERED},
	{"search-index", EMU_REGISTRABLE},
	{"sandbox-alice", EMU_REGISTRABLE},
	{"sandbox-bob", EMU_REGISTRABLE},
	{"sandbox-李雷", EMU_REGISTRABLE},
	{"new-hire-01", EMU_REGISTRABLE},
	{"new-hire-02", EMU_REGISTRABLE},
	{"new-hire-03", EMU_REGISTRABLE},                            /* 60 */
};
#define DEMO_N_ACCOUNTS (sizeof(demo_accounts) / sizeof(demo_accounts[0]))

/* The blind spot: directory members that joined after the groups were
 * set up (CUSTOM groups do not follow the directory), and one account that
 * has left it. Ids 1000000000000061 on. */
static const struct {
	const char *name;
	enum emu_recorder status;
	const char *folder;
	bool invited;
	bool no_role;
	bool rd_member;
	const char *deletion;
} demo_outside[] = {
	{"ops-tokyo", EMU_REGISTRABLE, "fd-shared01", false, false, true, ""},
	{"partner-jv-invited", EMU_REGISTRABLE, "fd-partner01", true, true,
		true, ""},
	{"analytics-sandbox", EMU_REGISTERED, "fd-sandbox01", false, false,
		true, ""},
	{"acquired-startup", EMU_REGISTERED, "fd-partner01", true, false, true,
		""},
	{"retiring-2019", EMU_REGISTERED, "fd-sandbox01", false, false, true,
		"Deleting"},
	{"former-subsidiary", EMU_REGISTRABLE, NULL, true, false, false, ""},
};
#define DEMO_N_OUTSIDE (sizeof(demo_outside) / sizeof(demo_outside[0]))

static const int demo_production[] = {
	2, 3, 4, 5, 6, 7, 8, 13, 19, 21, 22, 23, 24, 25, 41, 52, 53,
};
static const int demo_security[] = {
	1, 9, 10, 11, 12, 13, 16, 17, 18, 20, 38, 43, 44, 45, 50,
};
static const int demo_onboarding[] = {58, 59, 60};

static void
emu_group_set(struct emu_group *g, const char *id, const char *name,
	const char *type, int status, const char *description,
	const char *folder_id, const char *folder_name, int64_t created_ms)
{
	g->id = xstrdup(id);
	g->name = xstrdup(name);
	g->type = xstrdup(type);
	g->status = status;
	g->description = xstrdup(description);
	g->folder_id = xstrdup(folder_id);
	g->folder_name = xstrdup(folder_name);
	g->created_ms = created_ms;
}

static void
emu_group_tag(struct emu_group *g, const char *key, const char *value)
{
	g->tags = xrealloc(g->tags, (g->n_tags + 1) * sizeof(*g->tags));
	g->tags[g->n_tags].key = xstrdup(key);
	g->tags[g->n_tags].value = xstrdup(value);
	g->n_tags++;
}

static void
emu_group_members(struct emu_group *g, const int *rows, size_t n)
{
	g->members = xcalloc(n, sizeof(*g->members));
	for (size_t i = 0; i < n; i++)
		g->members[i] = DEMO_ID(rows[i]);
	g->n_members = n;
}

static void
emu_add_key(struct emu_scenario *sc, const char *id, const char *secret,
	int64_t account, bool root, bool read_only)
{
	sc->keys = xrealloc(sc->keys, (sc->n_keys + 1) * sizeof(*sc->keys));
	struct emu_key *k = &sc->keys[sc->n_keys++];
	/* every field a later addition makes has a defined value */
	memset(k, 0, sizeof(*k));
	k->id = xstrdup(id);
	k->secret = xstrdup(secret);
	k->account = account;
	k->root = root;
	k->read_only = read_only;
}

static void
emu_demo_keys(struct emu_scenario *sc, int64_t mgmt)
{
	emu_add_key(sc, "demo-ak", "demo-secret", mgmt, false, false);
	emu_add_key(sc, "demo-ro-ak", "demo-ro-secret", mgmt, false, true);
	emu_add_key(sc, "demo-root-ak", "demo-root-secret", mgmt, true, false);
}

/* The demo's directory: folders, where each account sits, the accounts in
 * no group, and keys for the callers that may not list or assume. */
static void
emu_demo_directory(struct emu_scenario *sc)
{
	sc->has_directory = true;
	sc->rd_id = xstrdup("rd-acme01");
	emu_folder_add(sc, "r-acme01", "Root", NULL);
	emu_folder_add(sc, "fd-prod01", "Production", "r-acme01");
	emu_folder_add(sc, "fd-shared01", "Shared services", "r-acme01");
	emu_folder_add(sc, "fd-sandbox01", "Sandbox", "r-acme01");
	emu_folder_add(sc, "fd-partner01", "Partners", "r-acme01");
	for (size_t i = 0; i < DEMO_N_ACCOUNTS; i++) {
		struct emu_account *a = &sc->accounts[i];
		const char *folder = i == 0 ? "r-acme01" :
			strstr(a->name, "sandbox") || strstr(a->name, "hire") ?
			"fd-sandbox01" : "fd-shared01";
		for (size_t k = 0; k < sizeof(demo_production) /
			sizeof(demo_production[0]); k++)
			if (DEMO_ID(demo_production[k]) == a->id)
				folder = "fd-prod01";
		a->folder_id = xstrdup(folder);
	}
	for (size_t i = 0; i < DEMO_N_OUTSIDE; i++) {
		struct emu_account *a = &sc->accounts[DEMO_N_ACCOUNTS + i];
		a->id = DEMO_MGMT + (int64_t)(DEMO_N_ACCOUNTS + i);
		a->name = xstrdup(demo_outside[i].name);
		a->status = demo_outside[i].status;
		a->rd_member = demo_outside[i].rd_member;
		a->folder_id = xstrdup(demo_outside[i].folder ?
			demo_outside[i].folder : "r-acme01");
		a->join_method = xstrdup(demo_outside[i].invited ? "invited" :
			"created");
		a->no_access_role = demo_outside[i].no_role;
		a->deletion_status = xstrdup(demo_outside[i].deletion);
	}
	/* security-logs administers a trusted service for the directory. */
	sc->accounts[8].delegated_admin = true;
	emu_add_key(sc, "demo-member-ak", "demo-member-secret", DEMO_ID(10),
		false, false);
	emu_add_key(sc, "demo-delegated-ak", "demo-delegated-secret",
		DEMO_ID(9), false, false);
	emu_add_key(sc, "demo-nosts-ak", "demo-nosts-secret", DEMO_MGMT, false,
		false);
	sc->keys[sc->n_keys - 1].no_assume = true;
}

void
emu_scenario_demo(struct emu_scenario *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->management = DEMO_MGMT;
	sc->n_accounts = DEMO_N_ACCOUNTS + DEMO_N_OUTSIDE;
	sc->accounts = xcalloc(sc->n_accounts, sizeof(*sc->accounts));
	for (size_t i = 0; i < DEMO_N_ACCOUNTS; i++) {
		struct emu_account *a = &sc->accounts[i];
		a->id = DEMO_MGMT + (int64_t)i;
		a->name = xstrdup(demo_accounts[i].name);
		a->status = demo_accounts[i].status;
		a->rd_member = true;
	}

	sc->n_groups = 4;
	sc->groups = xcalloc(4, sizeof(*sc->groups));
	struct emu_group *g = &sc->groups[0];
	emu_group_set(g, "ca-0000000000000001", "All accounts", "CUSTOM", 1,
		"Every account of the acme resource directory when it was set "
		"up (a fixed list: newer members are not in it).", "", "",
		INT64_C(1623036305000));
	emu_group_tag(g, "owner", "platform-team");
	g->members = xcalloc(DEMO_N_ACCOUNTS, sizeof(*g->members));
	for (size_t i = 0; i < DEMO_N_ACCOUNTS; i++)
		g->members[i] = DEMO_MGMT + (int64_t)i;
	g->n_members = DEMO_N_ACCOUNTS;

	g = &sc->groups[1];
	emu_group_set(g, "ca-0000000000000002", "Production", "FOLDER", 1,
		"Accounts under the Production folder.", "fd-prod01",
		"Production", INT64_C(1640995200000));
	emu_group_tag(g, "env", "prod");
	emu_group_tag(g, "cost-center", "cc-1001");
	emu_group_members(g, demo_production,
		sizeof(demo_production) / sizeof(demo_production[0]));

	g = &sc->groups[2];
	emu_group_set(g, "ca-0000000000000003", "Security audit", "CUSTOM", 1,
		"Accounts reviewed every quarter by the security team; "
		"审计范围包括生产与测试环境。",
		"", "", INT64_C(1672531200000));
	emu_group_tag(g, "compliance", "iso27001");
	emu_group_tag(g, "负责人", "安全部");
	emu_group_members(g, demo_security,
		sizeof(demo_security) / sizeof(demo_security[0]));

	g = &sc->groups[3];
	emu_group_set(g, "ca-0000000000000004", "Onboarding", "CUSTOM", 0,
		"New accounts waiting for their baseline.", "", "",
		INT64_C(1717200000000));
	emu_group_members(g, demo_onboarding,
		sizeof(demo_onboarding) / sizeof(demo_onboarding[0]));

	for (size_t i = 0; i < sc->n_groups; i++)
		sc->groups[i].owner = DEMO_MGMT;
	emu_demo_keys(sc, DEMO_MGMT);
	emu_demo_directory(sc);
}

/* Group sizes for scale:G:N — the first group is the RD group with up to
 * 5,000 members; the remaining accounts are dealt round-robin over the other
 * groups so every account belongs to at least one group. */
#define SCALE_RD_MEMBERS 5000

int
emu_scenario_scale(struct emu_scenario *sc, const char *spec, uint64_t seed,
	struct err *e)
{
	char *end;
	memset(sc, 0, sizeof(*sc));
	errno = 0;
	unsigned long groups = strtoul(spec, &end, 10);
	if (end == spec || *end != ':' || spec[0] == '-')
		return err_set(e, ERR_USAGE,
			"--scenario scale:GROUPS:ACCOUNTS: bad GROUPS in \"%s\"",
			spec);
	const char *p = end + 1;
	unsigned long accounts = strtoul(p, &end, 10);
	if (end == p || (*end != '\0' && *end != ':') || p[0] == '-')
		return err_set(e, ERR_USAGE,
			"--scenario scale:GROUPS:ACCOUNTS: bad ACCOUNTS in \"%s\"",
			spec);
	/* Optional :OUTSIDE: more directory members, in no group. */
	unsigned long outside = 0;
	if (*end == ':') {
		p = end + 1;
		outside = strtoul(p, &end, 10);
		if (end == p || *end != '\0' || p[0] == '-' ||
			outside > 1000000)
			return err_set(e, ERR_USAGE, "--scenario scale:GROUPS:"
				"ACCOUNTS:OUTSIDE: bad OUTSIDE in \"%s\" "
				"(0-1000000)", spec);
	}
	if (groups < 1 || groups > 100000 || accounts < 1 ||
		accounts > 1000000)
		return err_set(e, ERR_USAGE,
			"--scenario scale: GROUPS must be 1-100000 and ACCOUNTS "
			"1-1000000 (got %lu:%lu)", groups, accounts);

	uint64_t rng = seed ^ UINT64_C(0x5ca1ab1e5ca1ab1e);
	int64_t mgmt = DEMO_MGMT;
	sc->management = mgmt;
	sc->n_accounts = accounts + outside;
	sc->accounts = xcalloc(accounts + outside, sizeof(*sc->accounts));
	/* A directory of ten folders under the root; the accounts after the
	 * first ACCOUNTS are in no group. Groups stay as generated (a stress
	 * test past the service's limits, not a real directory). */
	sc->stress = true;
	emu_folder_add(sc, "r-scale01", "Root", NULL);
	for (int f = 0; f < 10; f++) {
		char fid[32], fname[32];
		snprintf(fid, sizeof(fid), "fd-scale%02d", f);
		snprintf(fname, sizeof(fname), "Folder %d", f);
		emu_folder_add(sc, fid, fname, "r-scale01");
	}
	for (size_t i = 0; i < accounts + outside; i++) {
		struct emu_account *a = &sc->accounts[i];
		char name[64];
		a->id = mgmt + (int64_t)i;
		if (i == 0)
			snprintf(name, sizeof(name), "acme-management");
		else if (i % 97 == 0)
			snprintf(name, sizeof(name), "账号-%05zu", i);
		else
			snprintf(name, sizeof(name), "acct-%05zu", i);
		a->name = xstrdup(name);
		a->rd_member = true;
		char fid[32];
		snprintf(fid, sizeof(fid), "fd-scale%02zu", i % 10);
		a->folder_id = xstrdup(i == 0 ? "r-scale01" : fid);
		if (i >= accounts) {
			snprintf(name, sizeof(name), "outside-%06zu",
				i - accounts);
			free(a->name);
			a->name = xstrdup(name);
		}
		unsigned r = (unsigned)(emu_splitmix(&rng) % 100);
		a->status = i == 0 ? EMU_REGISTERED :
			r < 55 ? EMU_REGISTERED :
			r < 85 ? EMU_REGISTRABLE :
			r < 95 ? EMU_BUILDING : EMU_REBUILDING;
	}

	sc->n_groups = groups;
	sc->groups = xcalloc(groups, sizeof(*sc->groups));
	size_t rd_n = accounts < SCALE_RD_MEMBERS ? accounts : SCALE_RD_MEMBERS;
	size_t rest = accounts - rd_n;
	for (size_t gi = 0; gi < groups; gi++) {
		struct emu_group *g = &sc->groups[gi];
		char id[32], name[64], folder[32];
		snprintf(id, sizeof(id), "ca-%016zx", gi + 1);
		bool folder_group = gi % 2 == 1;
		snprintf(folder, sizeof(folder), "fd-%06zu", gi);
		if (gi == 0)
			snprintf(name, sizeof(name), "Resource directory");
		else
			snprintf(name, sizeof(name), "%s group %zu",
				folder_group ? "Folder" : "Custom", gi);
		emu_group_set(g, id, name, gi == 0 ? "RD" :
			folder_group ? "FOLDER" : "CUSTOM",
			gi > 0 && gi % 17 == 0 ? 0 : 1,
			gi == 0 ? "The whole directory (capped)." : "",
			folder_group ? folder : "", folder_group ? name : "",
			INT64_C(1600000000000) + (int64_t)gi * 86400000);
		g->owner = mgmt;
		if (gi % 5 == 0)
			emu_group_tag(g, "env", gi % 10 == 0 ? "prod" : "test");
	}
	/* Member lists: count first, then fill. */
	size_t others = groups - 1;
	size_t *count = xcalloc(groups, sizeof(*count));
	count[0] = rd_n;
	if (others > 0) {
		if (rest > 0) {
			for (size_t i = 0; i < rest; i++)
				count[1 + i % others]++;
		} else {
			/* Small directories: each group takes a slice of all. */
			for (size_t gi = 1; gi < groups; gi++)
				count[gi] = accounts < 10 ? accounts : 10;
		}
	}
	for (size_t gi = 0; gi < groups; gi++) {
		sc->groups[gi].members = xcalloc(count[gi] ? count[gi] : 1,
			sizeof(int64_t));
	}
	for (size_t i = 0; i < rd_n; i++)
		sc->groups[0].members[sc->groups[0].n_members++] =
			mgmt + (int64_t)i;
	if (others > 0 && rest > 0) {
		for (size_t i = 0; i < rest; i++) {
			struct emu_group *g = &sc->groups[1 + i % others];
			g->members[g->n_members++] = mgmt + (int64_t)(rd_n + i);
		}
	} else if (others > 0) {
		for (size_t gi = 1; gi < groups; gi++) {
			struct emu_group *g = &sc->groups[gi];
			for (size_t k = 0; k < count[gi]; k++)
				g->members[g->n_members++] = mgmt +
					(int64_t)((gi * 7 + k) % accounts);
		}
	}
	free(count);
	emu_demo_keys(sc, mgmt);
	return 0;
}

static int
emu_cmp_account(const void *a, const void *b)
{
	int64_t x = ((const struct emu_account *)a)->id;
	int64_t y = ((const struct emu_account *)b)->id;
	return x < y ? -1 : x > y;
}

struct emu_account *
emu_scenario_account(const struct emu_scenario *sc, int64_t id)
{
	struct emu_account key;
	key.id = id;
	return bsearch(&key, sc->accounts, sc->n_accounts,
		sizeof(*sc->accounts), emu_cmp_account);
}

int
emu_scenario_finish(struct emu_scenario *sc, const char *origin,
	struct err *e)
{
	qsort(sc->accounts, sc->n_accounts, sizeof(*sc->accounts),
		emu_cmp_account);
	for (size_t i = 1; i < sc->n_accounts; i++) {
		if (sc->accounts[i].id == sc->accounts[i - 1].id)
			return err_set(e, ERR_CONFIG,
				"%s: accounts: duplicate account id %" PRId64,
				origin, sc->accounts[i].id);
	}
	struct emu_map ids;
	emu_map_init(&ids, sc->n_groups);
	for (size_t gi = 0; gi < sc->n_groups; gi++) {
		struct emu_group *g = &sc->groups[gi];
		if (emu_map_put(&ids, g->id, g)) {
			emu_map_free(&ids, NULL);
			return err_set(e, ERR_CONFIG,
				"%s: groups[%zu]: duplicate group id %s",
				origin, gi, g->id);
		}
	}
	emu_map_free(&ids, NULL);
	for (size_t gi = 0; gi < sc->n_groups; gi++) {
		struct emu_group *g = &sc->groups[gi];
		if (!emu_scenario_account(sc, g->owner))
			return err_set(e, ERR_CONFIG,
				"%s: groups[%zu].owner: unknown account %" PRId64,
				origin, gi, g->owner);
		for (size_t m = 0; m < g->n_members; m++) {
			if (!emu_scenario_account(sc, g->members[m]))
				return err_set(e, ERR_CONFIG,
					"%s: groups[%zu].members[%zu]: unknown "
					"account %" PRId64, origin, gi, m,
					g->members[m]);
		}
	}
	for (size_t k = 0; k < sc->n_keys; k++) {
		struct emu_key *key = &sc->keys[k];
		for (size_t j = 0; j < k; j++) {
			if (strcmp(sc->keys[j].id, key->id) == 0)
				return err_set(e, ERR_CONFIG,
					"%s: access_keys[%zu]: duplicate key id %s",
					origin, k, key->id);
		}
		if (!emu_scenario_account(sc, key->account))
			return err_set(e, ERR_CONFIG,
				"%s: access_keys[%zu].account: unknown account "
				"%" PRId64, origin, k, key->account);
		if (strncmp(key->id, "STS.", 4) == 0)
			return err_set(e, ERR_CONFIG,
				"%s: access_keys[%zu].id: \"STS.\" ids are "
				"reserved for AssumeRole credentials", origin, k);
	}
	if (!emu_scenario_account(sc, sc->management))
		return err_set(e, ERR_CONFIG,
			"%s: management_account: unknown account %" PRId64,
			origin, sc->management);
	return emu_directory_finish(sc, origin, e);
}

void
emu_scenario_free(struct emu_scenario *sc)
{
	emu_directory_free(sc);
	for (size_t i = 0; i < sc->n_accounts; i++) {
		struct emu_account *a = &sc->accounts[i];
		free(a->name);
		for (size_t j = 0; j < a->n_resource_types; j++)
			free(a->resource_types[j]);
		free(a->resource_types);
	}
	free(sc->accounts);
	for (size_t i = 0; i < sc->n_groups; i++) {
		struct emu_group *g = &sc->groups[i];
		free(g->id);
		free(g->name);
		free(g->type);
		free(g->description);
		free(g->folder_id);
		free(g->folder_name);
		for (size_t j = 0; j < g->n_tags; j++) {
			free(g->tags[j].key);
			free(g->tags[j].value);
		}
		free(g->tags);
		free(g->members);
	}
	free(sc->groups);
	for (size_t i = 0; i < sc->n_keys; i++) {
		free(sc->keys[i].id);
		buf_secret_free(sc->keys[i].secret);
	}
	free(sc->keys);
	memset(sc, 0, sizeof(*sc));
}
