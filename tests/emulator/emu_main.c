/* emu_main: alicfg-emu's command line, startup and clean shutdown.
 *
 * Exit status: 0 after SIGTERM/SIGINT (or --check), 2 for a bad command
 * line, 3 for a scenario that cannot be loaded, 1 when serving fails. */
#include "emu.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static const char emu_usage[] =
"usage: alicfg-emu [--listen 127.0.0.1:PORT] [--scenario demo|FILE.json|scale:GROUPS:ACCOUNTS[:OUTSIDE]]\n"
"                  [--seed N] [--latency MS[:JITTER_MS]] [--faults SPEC]\n"
"                  [--build-seconds N] [--tls-cert FILE --tls-key FILE] [--log FILE]\n"
"                  [--sts-duration SECONDS] [--idle-timeout SECONDS]\n"
"                  [--max-connections N] [--clock-skew SECONDS]\n"
"                  [--quotas real|off|FILE] [--check] [--help]\n"
"\n"
"A local emulator of Alibaba Cloud Config 2020-09-07 and STS 2015-04-01.\n"
"Prints \"alicfg-emu listening on http://127.0.0.1:PORT\" first, then the\n"
"environment for alicfg (export ALIBABA_CLOUD_ENDPOINT=... STS_ENDPOINT,\n"
"RD_ENDPOINT, ACCESS_KEY_ID, ACCESS_KEY_SECRET), then serves until SIGTERM\n"
"or SIGINT.\n"
"Binds loopback addresses only.\n"
"\n"
"  --listen HOST:PORT    127.0.0.1 (default), another 127.x address or [::1];\n"
"                        port 0 (default) picks a free port\n"
"  --scenario S          demo (default), a scenario JSON file, or\n"
"                        scale:GROUPS:ACCOUNTS[:OUTSIDE] (generated from\n"
"                        --seed; OUTSIDE more directory members in no group)\n"
"  --seed N              seed of the fault stream and of scale scenarios (0)\n"
"  --latency MS[:J]      delay every answer MS ms plus 0..J ms of jitter\n"
"  --faults SPEC         throttle=P,unavailable=P,internal=P,reset=P,\n"
"                        garbage=P,truncate=P,slow=P:MS,huge=P,loop=P\n"
"                        (P from 0 to 1; huge: a 200 body over 64 MiB;\n"
"                        loop: ListAggregators hands back the NextToken\n"
"                        it was sent, so the list never ends)\n"
"  --build-seconds N     BUILDING lasts N seconds (default 3; fractions ok)\n"
"  --tls-cert, --tls-key serve https with this PEM certificate and key\n"
"  --log FILE            one JSON line per request (no secrets)\n"
"  --sts-duration S      issued STS credentials live S seconds whatever\n"
"                        DurationSeconds says (for expiry tests)\n"
"  --idle-timeout S      close a connection idle for S seconds (default 30)\n"
"  --max-connections N   concurrent connections (default 256)\n"
"  --clock-skew S        judge request times by a clock S seconds off (may be\n"
"                        negative), to rehearse InvalidTimeStamp.Expired\n"
"  --quotas Q            flow control per account and action, in sliding\n"
"                        windows: real (default: the published quotas,\n"
"                        e.g. GetAggregator 500 per 60 s), off, or a FILE\n"
"                        of \"Action = CALLS/SECONDS\" lines over them\n"
"                        (tests scale windows down); over it: HTTP 400\n"
"                        Throttling.User with x-acs-retry-after\n"
"  --check               load the scenario, print a summary and exit\n"
"\n"
"Demo keys (management account 1000000000000001): demo-ak/demo-secret,\n"
"read-only demo-ro-ak/demo-ro-secret, root demo-root-ak/demo-root-secret,\n"
"no sts:AssumeRole demo-nosts-ak/demo-nosts-secret; delegated administrator\n"
"demo-delegated-ak/demo-delegated-secret (…009); plain member\n"
"demo-member-ak/demo-member-secret (…010, may not list the directory).\n";

enum {
	OPT_LISTEN = 256, OPT_SCENARIO, OPT_SEED, OPT_LATENCY, OPT_FAULTS,
	OPT_BUILD, OPT_CERT, OPT_KEY, OPT_LOG, OPT_STS, OPT_IDLE, OPT_MAXCONN,
	OPT_CHECK, OPT_HELP, OPT_SKEW, OPT_QUOTAS,
};

static const struct option emu_options[] = {
	{"listen", required_argument, NULL, OPT_LISTEN},
	{"scenario", required_argument, NULL, OPT_SCENARIO},
	{"seed", required_argument, NULL, OPT_SEED},
	{"latency", required_argument, NULL, OPT_LATENCY},
	{"faults", required_argument, NULL, OPT_FAULTS},
	{"build-seconds", required_argument, NULL, OPT_BUILD},
	{"tls-cert", required_argument, NULL, OPT_CERT},
	{"tls-key", required_argument, NULL, OPT_KEY},
	{"log", required_argument, NULL, OPT_LOG},
	{"sts-duration", required_argument, NULL, OPT_STS},
	{"idle-timeout", required_argument, NULL, OPT_IDLE},
	{"max-connections", required_argument, NULL, OPT_MAXCONN},
	{"clock-skew", required_argument, NULL, OPT_SKEW},
	{"check", no_argument, NULL, OPT_CHECK},
	{"help", no_argument, NULL, OPT_HELP},
	{"quotas", required_argument, NULL, OPT_QUOTAS},
	{NULL, 0, NULL, 0},
};

struct emu_cli {
	const char *scenario;
	const char *log_path;
	uint64_t seed;
	double build_seconds;
	long sts_duration;
	bool check;
	struct emu_listen listen;
};

static int
emu_parse_long(const char *opt, const char *s, long lo, long hi, long *out,
	struct err *e)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi)
		return err_set(e, ERR_USAGE, "%s %s: expected an integer from "
			"%ld to %ld", opt, s, lo, hi);
	*out = v;
	return 0;
}

static int
emu_parse_latency(struct emu_server *srv, const char *s, struct err *e)
{
	char first[32];
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s);
	if (n == 0 || n >= sizeof(first))
		return err_set(e, ERR_USAGE, "--latency %s: expected MS[:JITTER_MS]",
			s);
	memcpy(first, s, n);
	first[n] = '\0';
	if (emu_parse_long("--latency", first, 0, 600000, &srv->latency_ms, e) < 0)
		return -1;
	if (colon && emu_parse_long("--latency (jitter)", colon + 1, 0, 600000,
		&srv->jitter_ms, e) < 0)
		return -1;
	return 0;
}

static int
emu_parse_args(int argc, char **argv, struct emu_cli *cli,
	struct emu_server *srv, struct err *e)
{
	int c;
	long v;
	char *end;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", emu_options, NULL)) != -1) {
		switch (c) {
		case OPT_LISTEN:
			if (emu_listen_parse(&cli->listen, optarg, e) < 0)
				return -1;
			break;
		case OPT_SCENARIO:
			cli->scenario = optarg;
			break;
		case OPT_SEED:
			errno = 0;
			cli->seed = strtoull(optarg, &end, 10);
			if (end == optarg || *end || errno || optarg[0] == '-')
				return err_set(e, ERR_USAGE, "--seed %s: expected a "
					"non-negative integer", optarg);
			break;
		case OPT_LATENCY:
			if (emu_parse_latency(srv, optarg, e) < 0)
				return -1;
			break;
		case OPT_QUOTAS:
			if (emu_quotas_parse(&srv->quotas, optarg, e) < 0)
				return -1;
			break;
		case OPT_FAULTS:
			if (emu_faults_parse(&srv->faults, optarg, e) < 0)
				return -1;
			break;
		case OPT_BUILD:
			errno = 0;
			cli->build_seconds = strtod(optarg, &end);
			if (end == optarg || *end || errno ||
				!(cli->build_seconds >= 0 &&
				  cli->build_seconds <= 86400))
				return err_set(e, ERR_USAGE, "--build-seconds %s: "
					"expected seconds from 0 to 86400", optarg);
			break;
		case OPT_CERT:
			cli->listen.tls_cert_file = optarg;
			break;
		case OPT_KEY:
			cli->listen.tls_key_file = optarg;
			break;
		case OPT_LOG:
			cli->log_path = optarg;
			break;
		case OPT_SKEW:
			if (emu_parse_long("--clock-skew", optarg, -86400 * 366,
				86400 * 366, &srv->clock_skew, e) < 0)
				return -1;
			break;
		case OPT_STS:
			if (emu_parse_long("--sts-duration", optarg, 1, 86400,
				&cli->sts_duration, e) < 0)
				return -1;
			break;
		case OPT_IDLE:
			if (emu_parse_long("--idle-timeout", optarg, 1, 3600, &v,
				e) < 0)
				return -1;
			cli->listen.idle_timeout = (unsigned)v;
			break;
		case OPT_MAXCONN:
			if (emu_parse_long("--max-connections", optarg, 1, 4096,
				&v, e) < 0)
				return -1;
			cli->listen.max_connections = (unsigned)v;
			break;
		case OPT_CHECK:
			cli->check = true;
			break;
		case OPT_HELP:
			fputs(emu_usage, stdout);
			exit(0);
		default:
			if (optopt)
				return err_set(e, ERR_USAGE, "option --%s needs a "
					"value", emu_options[optopt - OPT_LISTEN].name);
			return err_set(e, ERR_USAGE, "unknown option %s",
				argv[optind - 1]);
		}
	}
	if (optind < argc)
		return err_set(e, ERR_USAGE, "unexpected argument \"%s\"",
			argv[optind]);
	if ((cli->listen.tls_cert_file == NULL) !=
		(cli->listen.tls_key_file == NULL))
		return err_set(e, ERR_USAGE,
			"--tls-cert and --tls-key go together");
	return 0;
}

static int
emu_load_scenario(const struct emu_cli *cli, struct emu_scenario *sc,
	struct err *e)
{
	const char *s = cli->scenario;
	if (strcmp(s, "demo") == 0) {
		emu_scenario_demo(sc);
		return emu_scenario_finish(sc, "demo", e);
	}
	if (strncmp(s, "scale:", 6) == 0) {
		if (emu_scenario_scale(sc, s + 6, cli->seed, e) < 0)
			return -1;
		return emu_scenario_finish(sc, s, e);
	}
	return emu_scenario_load(sc, s, e);
}

int
main(int argc, char **argv)
{
	struct emu_cli cli;
	struct emu_server srv;
	struct emu_state state;
	struct emu_scenario sc;
	struct err e;
	memset(&cli, 0, sizeof(cli));
	memset(&srv, 0, sizeof(srv));
	emu_quotas_init(&srv.quotas);
	err_clear(&e);
	cli.scenario = "demo";
	cli.build_seconds = 3;
	snprintf(cli.listen.host, sizeof(cli.listen.host), "127.0.0.1");
	cli.listen.idle_timeout = 30;
	cli.listen.max_connections = 256;

	if (emu_parse_args(argc, argv, &cli, &srv, &e) < 0) {
		fprintf(stderr, "alicfg-emu: %s\n(try --help)\n", e.message);
		return 2;
	}
	if (emu_load_scenario(&cli, &sc, &e) < 0) {
		fprintf(stderr, "alicfg-emu: %s\n", e.message);
		return e.kind == ERR_USAGE ? 2 : 3;
	}
	if (cli.check) {
		printf("%s: %zu accounts, %zu groups, %zu access keys\n",
			cli.scenario, sc.n_accounts, sc.n_groups, sc.n_keys);
		emu_scenario_free(&sc);
		return 0;
	}
	emu_faults_seed(&srv.faults, cli.seed);
	pthread_mutex_init(&srv.log_lock, NULL);
	srv.body_limit = 1024 * 1024;
	srv.param_limit = 10000;
	if (cli.log_path) {
		srv.log = fopen(cli.log_path, "a");
		if (!srv.log) {
			fprintf(stderr, "alicfg-emu: --log %s: %s\n", cli.log_path,
				strerror(errno));
			emu_scenario_free(&sc);
			return 2;
		}
	}
	emu_state_init(&state, &sc, cli.build_seconds, cli.sts_duration);
	srv.state = &state;

	/* Signals are taken synchronously by this thread only; MHD's
	 * threads inherit the blocked mask. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	int status = 0;
	if (emu_http_start(&srv, &cli.listen, &e) < 0) {
		fprintf(stderr, "alicfg-emu: %s\n", e.message);
		status = e.kind == ERR_USAGE ? 2 : 1;
	} else {
		emu_env_print(stdout, srv.url, &state.sc,
			cli.listen.tls_cert_file != NULL);
		int sig;
		while (sigwait(&stop, &sig) != 0)
			;
		emu_http_stop(&srv);
	}
	emu_state_free(&state);
	if (srv.log)
		fclose(srv.log);
	pthread_mutex_destroy(&srv.log_lock);
	pthread_mutex_destroy(&srv.faults.lock);
	emu_quotas_free(&srv.quotas);
	return status;
}
