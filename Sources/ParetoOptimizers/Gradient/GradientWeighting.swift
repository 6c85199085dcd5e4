import NumericCore

/// What a gradient weighting sees for one training batch.
///
/// The Gram matrix `G_ij = ⟨∇L_i, ∇L_j⟩` of the per-objective gradients is enough for every
/// method whose update is a combination `Σ_k w_k ∇L_k` of the gradients (TorchJD's observation:
/// MGDA, UPGrad, DualProj, PCGrad, IMTL-G, CAGrad, Nash-MTL, Aligned-MTL all are), so the
/// training loop never copies gradients for them. A method that truly needs the vectors declares
/// ``WeightingRequirement/gradients`` and then finds them in ``gradients``.
public struct WeightingInput: Sendable {
    /// `K × K` Gram matrix of the per-objective gradients (symmetric, positive semi-definite up to
    /// rounding).
    public var gram: Matrix<Double>
    /// Each objective's mean loss on the batch (before any weighting).
    public var losses: [Double]
    /// Batch counter of the training run, from 0.
    public var step: Int
    /// Epoch of the training run, from 1.
    public var epoch: Int
    /// `K × n` per-objective gradients, present only for methods that declare
    /// ``WeightingRequirement/gradients``.
    public var gradients: Matrix<Double>?

    /// One batch's input.
    public init(gram: Matrix<Double>, losses: [Double], step: Int = 0, epoch: Int = 1, gradients: Matrix<Double>? = nil) {
        self.gram = gram
        self.losses = losses
        self.step = step
        self.epoch = epoch
        self.gradients = gradients
    }

    /// Number of objectives `K`.
    public var objectiveCount: Int { losses.count }
}

/// What a weighting needs from the training loop each batch.
public enum WeightingRequirement: String, Sendable, Codable, CaseIterable {
    /// Only the per-objective losses (DWA, uncertainty weighting, RLW, FAMO, fixed weights).
    case losses
    /// The Gram matrix of the per-objective gradients (and the losses).
    case gram
    /// The per-objective gradient vectors themselves (and the Gram matrix and losses).
    case gradients
}

/// Where the per-objective gradients a weighting combines are taken.
public enum WeightingTarget: String, Sendable, Codable, CaseIterable {
    /// All shared parameters (full MGDA; one backward pass per objective through the shared part).
    case sharedParameters = "parameters"
    /// The shared representation (MGDA-UB's shortcut of Sener & Koltun 2018: one shared backward pass).
    case sharedRepresentation = "representation"
}

/// One gradient-weighting (multi-task balancing) method: per batch, maps the objectives' Gram matrix
/// and losses to the weights `w` of the shared-parameter update `Σ_k w_k ∇L_k`.
///
/// The method is an immutable value holding its validated `Configuration`; everything that changes
/// during training (running averages, learnable loss scales, the previous losses) lives in its typed
/// `State`, which is `Codable` so a training can be checkpointed. Randomness (RLW, PCGrad's order) is
/// drawn only from the generator handed in. LibMTL's `AbsWeighting` and TorchJD's aggregators are the
/// models; unlike LibMTL the method never sees the network.
///
/// To make a method available everywhere (the experiment harness, `paretorec methods`, the YAML
/// validation), add its `registration` to ``WeightingRegistry/methods``; see
/// `README-adding-an-algorithm.md`.
public protocol GradientWeighting: Sendable {
    /// Typed, validated settings.
    associatedtype Configuration: Codable & Sendable
    /// Everything that changes from batch to batch; `Codable` for checkpoints.
    associatedtype State: Codable & Sendable

    /// Registry name, lower-case (e.g. `"mgda"`).
    static var name: String { get }
    /// What the method needs from the training loop.
    static var requirement: WeightingRequirement { get }
    /// The settings the method runs with.
    var configuration: Configuration { get }

    /// The state before the first batch, for `objectives` objectives.
    /// - Throws: `OptimizerError.invalidConfiguration` when the method cannot handle that count.
    func initialState(objectives: Int) throws -> State
    /// The weights for one batch (count `K`, finite), updating `state` and drawing from `rng`.
    func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double]
}

/// The state of a method that keeps none.
public struct NoWeightingState: Codable, Sendable, Equatable {
    /// The empty state.
    public init() {}
}

// MARK: - Default implementations

extension GradientWeighting {
    public static var requirement: WeightingRequirement { .gram }
}

extension GradientWeighting where State == NoWeightingState {
    public func initialState(objectives: Int) throws -> State { NoWeightingState() }
}

/// Errors of a weighting call that are not configuration errors.
public enum WeightingError: Error, Equatable, CustomStringConvertible {
    /// The input's sizes disagree (message names them).
    case invalidInput(String)
    /// The method produced a weight that is not finite.
    case nonFiniteWeights([Double])

    public var description: String {
        switch self {
        case .invalidInput(let m): return "invalid weighting input: \(m)"
        case .nonFiniteWeights(let w): return "the weighting produced non-finite weights \(w)"
        }
    }
}

extension WeightingInput {
    /// Checks that the Gram matrix is `K × K` and every entry is finite.
    /// - Throws: ``WeightingError/invalidInput(_:)``.
    public func validate() throws {
        let k = losses.count
        guard k >= 1 else { throw WeightingError.invalidInput("no objectives") }
        guard gram.rows == k, gram.columns == k else {
            throw WeightingError.invalidInput("Gram matrix is \(gram.rows)×\(gram.columns) for \(k) losses")
        }
        guard gram.storage.allSatisfy(\.isFinite), losses.allSatisfy(\.isFinite) else {
            throw WeightingError.invalidInput("non-finite Gram matrix or loss")
        }
        if let g = gradients, g.rows != k { throw WeightingError.invalidInput("\(g.rows) gradient rows for \(k) losses") }
    }
}
