# integration tests: batch CLI against alicfg-emu
