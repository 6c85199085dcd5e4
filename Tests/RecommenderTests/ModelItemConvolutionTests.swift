import Foundation
import Testing
import NumericCore
@testable import Recommender

extension TinyModelData {
    /// Three item attributes (item id, category, brand) for the item convolution tower.
    static let attributeLayout = FeatureLayout(
        userCategoricalNames: ["user", "city"], userCategoricalCardinalities: [5, 4], userDenseNames: ["u0", "u1", "u2"],
        itemCategoricalNames: ["item", "category", "brand"], itemCategoricalCardinalities: [6, 4, 3], itemDenseNames: ["i0", "i1"],
        objectives: [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "time", kind: .continuous)])

    static func twoTowerConvolution(_ pooling: AttributePooling, width: Int = 2) throws -> ModelConfiguration {
        try ModelConfiguration(architecture: .twoTower(userWidths: [5, 4], itemWidths: [4, 3]), embeddingDimension: 3,
                               itemTower: .convolution(width: width, channels: 4, pooling: pooling))
    }
    static func mmoeConvolution(_ pooling: AttributePooling, width: Int = 2) throws -> ModelConfiguration {
        try ModelConfiguration(architecture: .mmoe(experts: 3, expertWidths: [5, 4], towerWidths: [3]), embeddingDimension: 3,
                               itemTower: .convolution(width: width, channels: 4, pooling: pooling))
    }
}

@Suite struct ModelItemConvolutionTests {
    /// `L = Σ r ⊙ conv(x)` in `Double` for a fixed random projection `r`, from the Float forward pass.
    func projectedLoss(_ conv: AttributeConvolution, _ parameters: [Float], _ x: [Float], _ r: [Float], batch: Int) -> Double {
        let ws = AttributeConvolutionWorkspace(conv, capacity: batch)
        var out = [Float](repeating: 0, count: batch * conv.channels)
        parameters.withUnsafeBufferPointer { p in
            x.withUnsafeBufferPointer { xb in
                out.withUnsafeMutableBufferPointer { o in
                    conv.forward(p.baseAddress!, x: xb.baseAddress!, ldx: conv.inputSize, batch: batch, workspace: ws,
                                 out: o.baseAddress!, ldOut: conv.channels)
                }
            }
        }
        return zip(out, r).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// Kernel, bias and input gradients of the convolution alone against central differences, for
    /// both poolings and kernels narrower than, equal to and wider than the sequence.
    @Test(arguments: [AttributePooling.max, .mean], [1, 2, 3, 5])
    func convolutionGradientsMatchCentralDifferences(pooling: AttributePooling, width: Int) {
        let batch = 4, length = 3, d = 3, channels = 5
        var offset = 2  // not at 0, so offsets are exercised
        let conv = AttributeConvolution(length: length, dimension: d, width: width, channels: channels, pooling: pooling, offset: &offset)
        #expect(offset == 2 + width * d * channels + channels)
        var g = SeededGenerator(seed: UInt64(width))
        var parameters = [Float](repeating: 0, count: offset)
        conv.initialize(&parameters, generator: &g)
        for i in conv.bias..<offset { parameters[i] = Float(g.nextGaussian() * 0.3) }  // biases off the ReLU kink
        let x = (0..<(batch * length * d)).map { _ in Float(g.nextGaussian()) }
        let r = (0..<(batch * channels)).map { _ in Float(g.nextGaussian()) }
        // Analytic gradients.
        let ws = AttributeConvolutionWorkspace(conv, capacity: batch)
        var out = [Float](repeating: 0, count: batch * channels)
        var gradient = [Float](repeating: 0, count: offset), dx = [Float](repeating: 7, count: batch * length * d)
        parameters.withUnsafeBufferPointer { p in
            x.withUnsafeBufferPointer { xb in
                out.withUnsafeMutableBufferPointer { o in
                    conv.forward(p.baseAddress!, x: xb.baseAddress!, ldx: conv.inputSize, batch: batch, workspace: ws,
                                 out: o.baseAddress!, ldOut: channels)
                }
            }
            r.withUnsafeBufferPointer { rb in
                gradient.withUnsafeMutableBufferPointer { gb in
                    dx.withUnsafeMutableBufferPointer { db in
                        conv.backward(p.baseAddress!, workspace: ws, batch: batch, dOut: rb.baseAddress!, ldDOut: channels,
                                      gradient: gb.baseAddress!, dx: db.baseAddress!, lddx: conv.inputSize)
                    }
                }
            }
        }
        let h: Float = 1e-3
        var failures: [String] = []
        func check(_ analytic: Float, _ plus: Double, _ minus: Double, _ what: String) {
            let numeric = (plus - minus) / Double(2 * h)
            if abs(Double(analytic) - numeric) > 5e-4 + 2e-2 * abs(numeric) { failures.append("\(what): \(analytic) vs \(numeric)") }
        }
        #expect(gradient[0] == 0 && gradient[1] == 0, "nothing written before the convolution's offset")
        for i in 2..<offset {
            var up = parameters, down = parameters
            up[i] += h; down[i] -= h
            check(gradient[i], projectedLoss(conv, up, x, r, batch: batch), projectedLoss(conv, down, x, r, batch: batch), "parameter \(i)")
        }
        for i in x.indices {
            var up = x, down = x
            up[i] += h; down[i] -= h
            check(dx[i], projectedLoss(conv, parameters, up, r, batch: batch), projectedLoss(conv, parameters, down, r, batch: batch), "input \(i)")
        }
        #expect(failures.isEmpty, "\(failures.prefix(6))")
    }

    /// Hand-computed cases: one example, two positions of dimension 1, width 2, one channel with kernel
    /// (k0, k1) = (2, −1) and bias 0.5, "same" padding after: position 0 sees (x0, x1), position 1 sees (x1, 0).
    @Test func convolutionForwardMatchesAHandComputation() {
        let cases: [([Float], AttributePooling, Float)] = [
            // x = (2, 1): relu(4 − 1 + 0.5) = 3.5 and relu(2 + 0.5) = 2.5.
            ([2, 1], .max, 3.5), ([2, 1], .mean, 3),
            // x = (−1, 1): relu(−2 − 1 + 0.5) = 0 and relu(2 + 0.5) = 2.5.
            ([-1, 1], .max, 2.5), ([-1, 1], .mean, 1.25),
        ]
        for (x, pooling, expected) in cases {
            var offset = 0
            let conv = AttributeConvolution(length: 2, dimension: 1, width: 2, channels: 1, pooling: pooling, offset: &offset)
            let p: [Float] = [2, -1, 0.5]
            let ws = AttributeConvolutionWorkspace(conv, capacity: 1)
            var out: [Float] = [0]
            p.withUnsafeBufferPointer { pb in x.withUnsafeBufferPointer { xb in out.withUnsafeMutableBufferPointer { o in
                conv.forward(pb.baseAddress!, x: xb.baseAddress!, ldx: 2, batch: 1, workspace: ws, out: o.baseAddress!, ldOut: 1)
            } } }
            #expect(out[0] == expected, "x \(x), \(pooling)")
        }
    }

    @Test(arguments: [AttributePooling.max, .mean])
    func twoTowerWithItemConvolutionGradientsMatchFiniteDifferences(pooling: AttributePooling) throws {
        try ModelGradientTests().checkAllGradients(TinyModelData.twoTowerConvolution(pooling), losses: [.binaryCrossEntropy, .meanSquaredError],
                                                   weights: [0.7, 0.3], withMargin: true, layout: TinyModelData.attributeLayout, step: 1e-3)
    }

    @Test(arguments: [AttributePooling.max, .mean])
    func mmoeWithItemConvolutionGradientsMatchFiniteDifferences(pooling: AttributePooling) throws {
        try ModelGradientTests().checkAllGradients(TinyModelData.mmoeConvolution(pooling, width: 3), losses: [.binaryCrossEntropy, .meanSquaredError],
                                                   weights: [0.6, 0.4], withMargin: false, layout: TinyModelData.attributeLayout, step: 1e-3)
    }

    @Test func convolutionParametersAreSharedAndComeFirst() throws {
        let id = try MultiObjectiveModel(layout: TinyModelData.attributeLayout, configuration: .twoTower(userWidths: [5, 4], itemWidths: [4, 3], embeddingDimension: 3), seed: 1)
        let conv = try MultiObjectiveModel(layout: TinyModelData.attributeLayout, configuration: TinyModelData.twoTowerConvolution(.max), seed: 1)
        // Kernel 2·3 × 4 plus 4 biases; the item tower's input shrinks from 3·3 + 2 to 4 + 2 columns (first layer width 4).
        let convolutionParameters = 2 * 3 * 4 + 4
        #expect(conv.sharedParameterCount == id.sharedParameterCount + convolutionParameters - (9 - 4) * 4)
        #expect(conv.denseParameterCount - conv.sharedParameterCount == id.denseParameterCount - id.sharedParameterCount)
        // The id model's bits do not change because the convolution exists as an option.
        #expect(id == (try MultiObjectiveModel(layout: TinyModelData.attributeLayout, configuration: .twoTower(userWidths: [5, 4], itemWidths: [4, 3], embeddingDimension: 3), seed: 1)))
    }

    @Test func itemConvolutionIsRefusedWhereItCannotWork() throws {
        #expect(throws: ModelConfigurationError.self) {
            try ModelConfiguration(architecture: .sharedBottom(bottomWidths: [4], towerWidths: [2]), itemTower: .defaultConvolution)
        }
        #expect(throws: ModelConfigurationError.self) {
            try ModelConfiguration(architecture: .twoTower(userWidths: [4], itemWidths: [4]), itemTower: .convolution(width: 0, channels: 4, pooling: .max))
        }
        #expect(throws: ModelConfigurationError.self) {
            try ModelConfiguration(architecture: .twoTower(userWidths: [4], itemWidths: [4]), itemTower: .convolution(width: 2, channels: 0, pooling: .max))
        }
        let noAttributes = FeatureLayout(userCategoricalNames: ["u"], userCategoricalCardinalities: [3], userDenseNames: [],
                                         itemCategoricalNames: [], itemCategoricalCardinalities: [], itemDenseNames: ["i"],
                                         objectives: [ObjectiveSpec(name: "click", kind: .binary)])
        #expect(throws: ModelConfigurationError.self) {
            try MultiObjectiveModel(layout: noAttributes, configuration: TinyModelData.twoTowerConvolution(.max), seed: 0)
        }
    }

    @Test func configurationWithItemTowerRoundTripsThroughJSONAndOldFilesDecodeAsId() throws {
        let c = try TinyModelData.mmoeConvolution(.mean, width: 3)
        let data = try JSONEncoder().encode(c)
        #expect(try JSONDecoder().decode(ModelConfiguration.self, from: data) == c)
        let old = #"{"architecture":{"twoTower":{"userWidths":[4],"itemWidths":[4]}},"embeddingDimension":3}"#
        #expect(try JSONDecoder().decode(ModelConfiguration.self, from: Data(old.utf8)).itemTower == .id)
    }
}
