#ifndef AURORA_CYAML_SHIM_H
#define AURORA_CYAML_SHIM_H
#include <yaml.h>
#endif
