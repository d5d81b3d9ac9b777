// liblinear 2.3 (Debian liblinear-dev): /usr/include/linear.h, no pkg-config file.
#include <linear.h>
