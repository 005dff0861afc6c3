/* read_petrarch.c -- placeholder until the PETRARCH readers land. */
#include "dict.h"
dyad_status dy_read_petrarch_verbs(dy_dict *d, const char *path, const char *text, size_t len, dyad_err *err) { (void)d; (void)text; (void)len; return dy_error(err, DYAD_EARG, path, 0, "PETRARCH verbs not supported yet"); }
dyad_status dy_read_petrarch_actors(dy_dict *d, const char *path, const char *text, size_t len, dyad_err *err) { return dy_read_tabari_actors(d, path, text, len, err); }
dyad_status dy_read_petrarch_agents(dy_dict *d, const char *path, const char *text, size_t len, dyad_err *err) { return dy_read_tabari_agents(d, path, text, len, err); }
dyad_status dy_read_petrarch_discards(dy_dict *d, const char *path, const char *text, size_t len, dyad_err *err) { (void)d; (void)text; (void)len; (void)path; (void)err; return DYAD_OK; }
dyad_status dy_read_petrarch_issues(dy_dict *d, const char *path, const char *text, size_t len, dyad_err *err) { (void)d; (void)text; (void)len; (void)path; (void)err; return DYAD_OK; }
dyad_status dy_load_petrarch_config(dy_dict *d, const char *path, dyad_err *err) { (void)d; return dy_error(err, DYAD_EARG, path, 0, "not supported yet"); }
