/* worker.h: being written in this change. */
