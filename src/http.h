/* http.h: being written in this change. */
