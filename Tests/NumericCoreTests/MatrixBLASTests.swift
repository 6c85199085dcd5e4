import Testing
@testable import NumericCore

@Suite struct MatrixBLASTests {
    @Test func gemmMultipliesHandComputedMatrices() throws {
        let a = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        let b = try Matrix<Double>([[7, 8], [9, 10], [11, 12]])
        let c = try a.multiplied(by: b)
        // [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
        #expect(c == (try Matrix<Double>([[58, 64], [139, 154]])))
    }

    @Test func gemmHonoursTransposesAndBetaInFloat() throws {
        let a = try Matrix<Float>([[1, 4], [2, 5], [3, 6]])  // Aᵀ = [[1,2,3],[4,5,6]]
        let b = try Matrix<Float>([[7, 9, 11], [8, 10, 12]])  // Bᵀ = [[7,8],[9,10],[11,12]]
        var c = try Matrix<Float>([[1, 1], [1, 1]])
        try Matrix.gemm(2, a, transposed: true, b, transposed: true, 1, into: &c)
        #expect(c == (try Matrix<Float>([[2 * 58 + 1, 2 * 64 + 1], [2 * 139 + 1, 2 * 154 + 1]])))
    }

    @Test func gemmRejectsMismatchedShapes() throws {
        let a = try Matrix<Double>([[1, 2]])
        #expect(throws: NumericError.self) { try a.multiplied(by: a) }
    }

    @Test func gemvComputesBothOrientations() throws {
        let a = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        #expect(try a.multiplied(vector: [1, 0, -1]) == [1 - 3, 4 - 6])
        #expect(try a.multiplied(transposed: true, vector: [1, 2]) == [1 + 8, 2 + 10, 3 + 12])
    }

    @Test func axpyAndDotMatchHandValues() throws {
        var y: [Float] = [1, 1, 1]
        try BLAS.axpy(2, [1, 2, 3], &y)
        #expect(y == [3, 5, 7])
        #expect(try BLAS.dot([1.0, 2, 3], [4.0, 5, 6]) == 32)
        #expect(throws: NumericError.self) { try BLAS.dot([1.0], [1.0, 2]) }
    }

    @Test func syrkGramIsSymmetricRowInnerProducts() throws {
        let a = try Matrix<Double>([[1, 2], [3, 4], [5, 6]])
        // rows' inner products: (1,2)·(3,4)=11, (1,2)·(5,6)=17, (3,4)·(5,6)=39
        #expect(a.gram() == (try Matrix<Double>([[5, 11, 17], [11, 25, 39], [17, 39, 61]])))
        // columns' inner products: 1+9+25=35, 2+12+30=44, 4+16+36=56
        #expect(a.crossProduct() == (try Matrix<Double>([[35, 44], [44, 56]])))
    }

    @Test func choleskySolvesSymmetricPositiveDefiniteSystem() throws {
        let a = try Matrix<Double>([[4, 2], [2, 3]])
        // det = 8, A⁻¹ = [[3, -2], [-2, 4]] / 8, A⁻¹·[2, 1] = [4/8, 0] = [0.5, 0]
        let x = try a.choleskySolve(vector: [2, 1])
        #expect(abs(x[0] - 0.5) < 1e-14 && abs(x[1]) < 1e-14)
        let notSPD = try Matrix<Double>([[1, 2], [2, 1]])
        #expect(throws: NumericError.notPositiveDefinite(leadingMinor: 2)) { try notSPD.choleskySolve(vector: [1, 1]) }
    }

    @Test func symmetricEigenMatchesClosedForm() throws {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with vectors (1, -1)/√2 and (1, 1)/√2.
        let (values, vectors) = try Matrix<Double>([[2, 1], [1, 2]]).symmetricEigen()
        #expect(abs(values[0] - 1) < 1e-14 && abs(values[1] - 3) < 1e-14)
        #expect(abs(abs(vectors[0, 1]) - 0.5.squareRoot()) < 1e-14)
        #expect(abs(vectors[0, 1] - vectors[1, 1]) < 1e-14)  // the eigenvector of 3 is ∝ (1, 1)
        #expect(abs(vectors[0, 0] + vectors[1, 0]) < 1e-14)  // the eigenvector of 1 is ∝ (1, -1)
    }

    @Test func raggedRowsAreRejected() {
        #expect(throws: NumericError.self) { try Matrix<Double>([[1, 2], [3]]) }
        #expect(throws: NumericError.self) { try Matrix<Double>(rows: 2, columns: 2, storage: [1, 2, 3]) }
    }
}
