// OpenBLAS's CBLAS interface. pkg-config (openblas.pc) puts its include folder on the path.
#include <cblas.h>
