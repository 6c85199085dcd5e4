import NumericCore

/// Two-layer reference directions for many objectives: a boundary Das–Dennis layer with
/// `outerDivisions` and an inner layer with `innerDivisions` shrunk halfway towards the simplex
/// centre (w ↦ w/2 + 1/(2M)), so interior directions exist even when the outer H is below M.
///
/// Deb & Jain, "An evolutionary many-objective optimization algorithm using reference-point-based
/// nondominated sorting approach, part I", IEEE TEVC 18(4), 577–601, 2014,
/// doi:10.1109/TEVC.2013.2281535, §V (e.g. M = 8 with H₁ = 3, H₂ = 2: 120 + 36 = 156 directions).
/// Rows: the outer layer first, then the inner one.
///
/// - Throws: `ParetoError.invalidArgument` as ``dasDennisDirections(objectives:divisions:)``.
/// - Complexity: O((C(H₁ + M − 1, M − 1) + C(H₂ + M − 1, M − 1)) · M).
public func twoLayerDirections(objectives: Int, outerDivisions: Int, innerDivisions: Int) throws -> Matrix<Double> {
    var outer = try dasDennisDirections(objectives: objectives, divisions: outerDivisions)
    let inner = try dasDennisDirections(objectives: objectives, divisions: innerDivisions)
    let shift = 1 / (2 * Double(objectives))
    for i in 0..<inner.rows { outer.appendRow(inner.row(i).map { $0 / 2 + shift }) }
    return outer
}
