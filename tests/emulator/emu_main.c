/* emu_main: being written in this change. */
int main(void) { return 1; }
