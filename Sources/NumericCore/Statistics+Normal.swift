import CNumerics

extension Statistics {
    /// Upper tail `Q(z) = P(Z > z)` of the standard normal distribution, accurate far into the tail
    /// (GSL's `gsl_cdf_ugaussian_Q`, Cody's rational approximations). - Complexity: O(1).
    public static func standardNormalUpperTail(_ z: Double) -> Double {
        gsl_cdf_ugaussian_Q(z)
    }
}
