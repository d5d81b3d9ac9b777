// Times the collective `Communicator.sum` runs once per training update: MPI_Allgatherv of
// every rank's gradient bytes (then the ranks' buffers summed in rank order, timed too).
// Build and run (Reports/scaling.md):
//   mpicc -O2 bench/mpi/allgather_time.c -o /tmp/allgather_time
//   mpirun --allow-run-as-root -np 2 /tmp/allgather_time FLOATS [REPEATS]
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  long floats = argc > 1 ? atol(argv[1]) : 471000;
  int repeats = argc > 2 ? atoi(argv[2]) : 50;
  float *sent = calloc(floats, sizeof(float));
  float *received = calloc(floats * size, sizeof(float));
  int *counts = malloc(size * sizeof(int)), *starts = malloc(size * sizeof(int));
  for (int r = 0; r < size; r++) { counts[r] = (int)(floats * 4); starts[r] = (int)(r * floats * 4); }
  double gather = 0, add = 0;
  for (int i = 0; i < repeats; i++) {
    MPI_Barrier(MPI_COMM_WORLD);
    double t0 = MPI_Wtime();
    MPI_Allgatherv(sent, (int)(floats * 4), MPI_BYTE, received, counts, starts, MPI_BYTE, MPI_COMM_WORLD);
    double t1 = MPI_Wtime();
    for (int r = 1; r < size; r++)
      for (long j = 0; j < floats; j++) received[j] += received[r * floats + j];
    gather += t1 - t0;
    add += MPI_Wtime() - t1;
  }
  if (rank == 0)
    printf("%d ranks, %ld floats (%.2f MB) a rank: allgatherv %.3f ms, rank-order sum %.3f ms\n",
           size, floats, floats * 4 / 1e6, 1e3 * gather / repeats, 1e3 * add / repeats);
  MPI_Finalize();
  return 0;
}
