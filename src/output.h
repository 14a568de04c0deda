/* output.h: being written in this change. */
