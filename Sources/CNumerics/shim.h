#ifndef PARETOREC_CNUMERICS_SHIM_H
#define PARETOREC_CNUMERICS_SHIM_H

// GSL's gsl_cblas.h declares the standard CBLAS prototypes; OpenBLAS's own cblas.h defines the
// same enums differently, so only GSL's header is included. The symbols link to OpenBLAS.
#include <stdio.h>
#include <gsl/gsl_cblas.h>
#include <lapacke.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_result.h>

// OpenBLAS thread control (declared here: its own header clashes with gsl_cblas.h).
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

// GSL's rng type pointers are mutable globals, which Swift 6 rejects; these accessors read them.
static inline const gsl_rng_type *paretorec_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_multimin_fdfminimizer_type *paretorec_gsl_multimin_vector_bfgs2(void) {
    return gsl_multimin_fdfminimizer_vector_bfgs2;
}
static inline const gsl_multimin_fminimizer_type *paretorec_gsl_multimin_nmsimplex2(void) {
    return gsl_multimin_fminimizer_nmsimplex2;
}

// GSL's quasi-random generator types are mutable globals as well.
static inline const gsl_qrng_type *paretorec_gsl_qrng_sobol(void) { return gsl_qrng_sobol; }
static inline const gsl_qrng_type *paretorec_gsl_qrng_halton(void) { return gsl_qrng_halton; }

// `%.17g` of one double (FullPrecision's number format), called without Swift's C-variadic
// boxing: `withVaList` builds a `CVarArg` array and casts dynamically on every call, which cost
// more than the formatting itself for a front file of thousands of numbers.
static inline int paretorec_format_g17(char *buffer, size_t size, double value) {
    return snprintf(buffer, size, "%.17g", value);
}

// GSL's default error handler aborts the process; library code turns it off and checks status codes.
static inline void paretorec_gsl_disable_abort(void) { gsl_set_error_handler_off(); }

#endif
