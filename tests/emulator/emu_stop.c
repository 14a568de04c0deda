/* emu_stop: StopConfigurationRecorder (Config 2020-09-07), as the official
 * reference gives it (docs/stop-recorder.md): no operation parameters; the
 * answer is {RequestId, StopConfigurationRecorderResult: true}; an account
 * that owns account groups gets AdminStopSLRFail and an account that is a
 * member of a group gets MemberStopSLRFail (both HTTP 400). Otherwise the
 * recorder goes back to REGISTRABLE, whatever it was. */
#include "emu.h"

#include <string.h>

/* Call with st->lock held. 1: owns a group, 2: member of one, 0: neither. */
static int
emu_stop_blocker(const struct emu_scenario *sc, int64_t account)
{
	for (size_t g = 0; g < sc->n_groups; g++)
		if (sc->groups[g].owner == account)
			return 1;
	for (size_t g = 0; g < sc->n_groups; g++)
		for (size_t i = 0; i < sc->groups[g].n_members; i++)
			if (sc->groups[g].members[i] == account)
				return 2;
	return 0;
}

void
emu_config_stop_recorder(struct emu_server *srv,
	const struct emu_request *req, const struct emu_caller *who,
	struct emu_reply *r)
{
	if (who->read_only) {
		emu_reply_error(r, req, 400, "NoPermission",
			"You are not authorized to perform this operation.");
		return;
	}
	struct emu_state *st = srv->state;
	int blocker = 0;
	bool missing = false;
	pthread_mutex_lock(&st->lock);
	struct emu_account *a = emu_scenario_account(&st->sc, who->account);
	if (!a) {
		missing = true;
	} else {
		blocker = emu_stop_blocker(&st->sc, a->id);
		if (!blocker) {
			a->status = EMU_REGISTRABLE;
			a->build_done = 0;
		}
	}
	pthread_mutex_unlock(&st->lock);
	if (missing) {
		emu_reply_error(r, req, 404, "AccountNotExisted",
			"Your account does not exist.");
	} else if (blocker == 1) {
		emu_reply_error(r, req, 400, "AdminStopSLRFail",
			"The administrator account is prohibited from closing "
			"the service without completely removing the "
			"aggregators.");
	} else if (blocker == 2) {
		emu_reply_error(r, req, 400, "MemberStopSLRFail",
			"The member exists in the aggregator, and it is "
			"forbidden to close the service.");
	} else {
		json_t *body = json_object();
		json_object_set_new(body, "StopConfigurationRecorderResult",
			json_true());
		emu_reply_ok(r, req, body);
	}
}
