// ParetoOptimizers: problem protocols, operators, algorithms (NSGA-II, SMPSO, weighted sum, grid,
// MGDA), test problems (ZDT, DTLZ), termination, evaluation and checkpoints. See README.
