import ArgumentParser
import NumericCore

/// `paretorec demo`: a small self-check of the numeric core (BLAS, LAPACK, seeded RNG).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run a small demonstration of the numeric core.")

    @Option(help: "Random seed.") var seed: UInt64 = 1

    func run() throws {
        var rng = SeededGenerator(seed: seed)
        let a = try Matrix<Double>(rows: 3, columns: 3, storage: (0..<9).map { _ in rng.nextGaussian() })
        let spd = a.crossProduct()
        let eig = try (spd + Matrix<Double>.identity(3)).symmetricEigen()
        try writeStandardOutput("eigenvalues of AᵀA + I: " + eig.values.map { String($0) }.joined(separator: " ") + "\n")
    }
}

extension Matrix where Scalar == Double {
    static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        var out = lhs
        out.withUnsafeMutableBufferPointer { o in rhs.withUnsafeBufferPointer { r in for i in o.indices { o[i] += r[i] } } }
        return out
    }
}
