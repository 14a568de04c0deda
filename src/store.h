/* store.h: being written in this change. */
