import Foundation
import NumericCore

/// Dynamic Weight Average: each objective's weight grows with how slowly its epoch-average loss
/// fell over the last two epochs, `w_k = K·softmax(r/T)_k` with `r_k = L̄_k(e−1) / L̄_k(e−2)`.
///
/// Liu, Johns & Davison, "End-to-End Multi-Task Learning with Attention", CVPR 2019,
/// arXiv:1803.10704, §3.3. `L̄(e)` is the mean of the losses seen in epoch `e` (the state
/// accumulates them from the calls' `epoch` field); until two epochs are complete the weights are 1.
/// A loss ratio with a non-positive denominator counts as 1.
///
/// Scaling: `Σ w = K`, as in the paper and LibMTL's `DWA`.
/// - Complexity: O(K).
public struct DWAWeighting: GradientWeighting {
    /// The softmax temperature.
    public struct Configuration: Codable, Sendable, Equatable {
        /// `T > 0` (the paper uses 2).
        public var temperature: Double
        /// - Throws: `OptimizerError.invalidConfiguration` for a non-positive temperature.
        public init(temperature: Double = 2) throws {
            guard temperature > 0, temperature.isFinite else {
                throw OptimizerError.invalidConfiguration("DWA needs a positive temperature, got \(temperature)")
            }
            self.temperature = temperature
        }
    }

    /// The running sums of the current epoch and the last two epochs' averages.
    public struct State: Codable, Sendable, Equatable {
        /// The epoch being accumulated, or `nil` before the first call.
        public var epoch: Int?
        /// Sum of the losses seen in `epoch`.
        public var sums: [Double]
        /// Number of calls in `epoch`.
        public var count: Int
        /// Averages of completed epochs, oldest first (at most two kept).
        public var averages: [[Double]]
    }

    public static let name = "dwa"
    public static var requirement: WeightingRequirement { .losses }
    public let configuration: Configuration

    /// DWA with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialState(objectives: Int) throws -> State {
        State(epoch: nil, sums: [Double](repeating: 0, count: objectives), count: 0, averages: [])
    }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        guard state.sums.count == k else { throw WeightingError.invalidInput("DWA state has \(state.sums.count) objectives, input \(k)") }
        if state.epoch != input.epoch {
            if state.count > 0 {
                state.averages.append(state.sums.map { $0 / Double(state.count) })
                if state.averages.count > 2 { state.averages.removeFirst(state.averages.count - 2) }
            }
            state.epoch = input.epoch
            state.sums = [Double](repeating: 0, count: k)
            state.count = 0
        }
        for i in 0..<k { state.sums[i] += input.losses[i] }
        state.count += 1
        guard state.averages.count == 2 else { return [Double](repeating: 1, count: k) }
        let older = state.averages[0], newer = state.averages[1]
        let scaled = (0..<k).map { i -> Double in (older[i] > 0 ? newer[i] / older[i] : 1) / configuration.temperature }
        let top = scaled.max() ?? 0
        let exps = scaled.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { Double(k) * $0 / total }
    }

    /// Registry entry `dwa` (T = 2).
    public static let registration = RegisteredWeighting(
        DWAWeighting.self, aliases: ["dynamic-weight-average"],
        summary: "K·softmax of the last two epochs' loss ratios (T = 2)",
        paper: "Liu, Johns & Davison, End-to-End Multi-Task Learning with Attention, CVPR 2019, arXiv:1803.10704"
    ) { _ in try DWAWeighting(configuration: Configuration()) }
}
