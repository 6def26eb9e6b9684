#include "cli/app.h"

int main(int argc, char** argv) { return sdetcheck::RunCli(argc, argv); }
