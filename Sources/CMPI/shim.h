// Open MPI (Debian libopenmpi-dev). pkg-config (ompi.pc) puts its include folder on the path and
// libmpi's folder on the link line.
//
// Open MPI's handles (MPI_COMM_WORLD, MPI_BYTE, MPI_INT, ...) are macros taking the address of
// global structs, which Swift cannot import: these functions hand them over.
#include <mpi.h>

/// The communicator of every rank mpirun started.
static inline MPI_Comm sentiment_mpi_comm_world(void) { return MPI_COMM_WORLD; }

/// The datatype of one byte: every collective of `Communicator` moves bytes.
static inline MPI_Datatype sentiment_mpi_byte(void) { return MPI_BYTE; }

/// The datatype of one C int (the byte counts of variable-size collectives).
static inline MPI_Datatype sentiment_mpi_int(void) { return MPI_INT; }

/// MPI_SUCCESS, the status of a call that worked.
static inline int sentiment_mpi_success(void) { return MPI_SUCCESS; }

/// MPI_THREAD_FUNNELED: threads exist, but only the main thread calls MPI.
static inline int sentiment_mpi_thread_funneled(void) { return MPI_THREAD_FUNNELED; }

/// MPI_ERRORS_RETURN: a failed call returns its status instead of ending the process, so the
/// Swift wrapper can say which call failed before it aborts the job.
static inline MPI_Errhandler sentiment_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }
