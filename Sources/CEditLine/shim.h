#ifndef TRIAGE_CEDITLINE_SHIM_H
#define TRIAGE_CEDITLINE_SHIM_H
/* libedit (BSD licence). GNU readline's headers are installed on these machines too and are GPL:
   name editline's explicitly and never <readline/readline.h>. */
#include <stdio.h>
#include <stdlib.h>
#include <histedit.h>
#include <editline/readline.h>
#endif
