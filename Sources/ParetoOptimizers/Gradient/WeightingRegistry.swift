import Foundation
import NumericCore
import ParetoCore

/// Settings every caller can give every weighting method; each method maps them onto its own
/// typed configuration and ignores what does not apply.
public struct WeightingSettings: Sendable, Equatable {
    /// Number of objectives `K`.
    public var objectives: Int
    /// The preference vectors of a preference-based method's runs (one per training), each of
    /// length `K`; empty for methods that take none.
    public var preferences: [[Double]]
    /// Which of `preferences` this training follows.
    public var preferenceIndex: Int

    /// Settings for `objectives` objectives, optionally with preferences.
    public init(objectives: Int, preferences: [[Double]] = [], preferenceIndex: Int = 0) {
        self.objectives = objectives
        self.preferences = preferences
        self.preferenceIndex = preferenceIndex
    }

    /// The preference of this training, or `nil` when none was given.
    public var preference: [Double]? {
        preferences.indices.contains(preferenceIndex) ? preferences[preferenceIndex] : nil
    }
}

/// A running weighting method, type-erased: holds the method, its state and its generator, and
/// is called once per batch by the training loop.
///
/// A reference type because the training loop calls it through a closure; calls are serialized
/// by a lock, so it can be shared across threads (one training uses one instance).
public final class WeightingRun: @unchecked Sendable {
    /// Registry name of the method.
    public let name: String
    /// What the method needs from the training loop.
    public let requirement: WeightingRequirement
    private let lock = NSLock()
    private let call: (WeightingInput, inout SeededGenerator) throws -> [Double]
    private let saveState: () throws -> Data
    private var rng: SeededGenerator

    /// Starts `method` for `objectives` objectives with generator `rng`.
    public init<W: GradientWeighting>(_ method: W, objectives: Int, rng: SeededGenerator) throws {
        name = W.name
        requirement = W.requirement
        self.rng = rng
        let box = WeightingStateBox(try method.initialState(objectives: objectives))
        call = { input, generator in try method.weights(input, state: &box.state, rng: &generator) }
        saveState = { try JSONEncoder().encode(box.state) }
    }

    /// The weights for one batch; validated (count `K`, all finite).
    /// - Throws: ``WeightingError`` for a malformed input or non-finite weights, or what the method throws.
    public func weights(_ input: WeightingInput) throws -> [Double] {
        try input.validate()
        lock.lock()
        defer { lock.unlock() }
        let w = try call(input, &rng)
        guard w.count == input.objectiveCount else {
            throw WeightingError.invalidInput("\(name) returned \(w.count) weights for \(input.objectiveCount) objectives")
        }
        guard w.allSatisfy(\.isFinite) else { throw WeightingError.nonFiniteWeights(w) }
        return w
    }

    /// The method's current state as JSON (for checkpoints and tests).
    public func stateJSON() throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        return try saveState()
    }
}

/// The mutable state of one running method (a box so the run's closures share it).
final class WeightingStateBox<State>: @unchecked Sendable {
    var state: State
    init(_ state: State) { self.state = state }
}

/// One registry entry of a weighting method: names, the paper, what it needs, and a factory.
public struct RegisteredWeighting: Sendable {
    /// Name used in experiment configs (`methods: - name: …`).
    public let name: String
    /// Other accepted names.
    public let aliases: [String]
    /// One line for help texts.
    public let summary: String
    /// The paper: authors, venue and year, DOI or arXiv id.
    public let paper: String
    /// What the method needs from the training loop.
    public let requirement: WeightingRequirement
    /// Whether each training follows one preference vector (Pareto MTL, EPO, fixed linear
    /// scalarization): the harness then spreads `preferences` vectors over the runs.
    public let usesPreferences: Bool
    /// Where the gradients are taken unless the configuration says otherwise.
    public let defaultTarget: WeightingTarget
    /// The preference vectors of `count` trainings for `objectives` objectives (preference-based
    /// methods only); ``WeightingRegistry/spreadPreferences(count:objectives:)`` unless the method
    /// has its own.
    public let preferenceSet: @Sendable (_ count: Int, _ objectives: Int) -> [[Double]]
    /// Builds a run of the method for one training.
    public let make: @Sendable (WeightingSettings, SeededGenerator) throws -> WeightingRun

    /// A registry entry.
    public init(name: String, aliases: [String] = [], summary: String, paper: String,
                requirement: WeightingRequirement, usesPreferences: Bool = false,
                defaultTarget: WeightingTarget = .sharedParameters,
                preferenceSet: @escaping @Sendable (Int, Int) -> [[Double]] = WeightingRegistry.spreadPreferences,
                make: @escaping @Sendable (WeightingSettings, SeededGenerator) throws -> WeightingRun) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.paper = paper
        self.requirement = requirement
        self.usesPreferences = usesPreferences
        self.defaultTarget = defaultTarget
        self.preferenceSet = preferenceSet
        self.make = make
    }

    /// The entry of `W` with its static name and requirement; `make` maps settings to a configured method.
    public init<W: GradientWeighting>(
        _ type: W.Type, aliases: [String] = [], summary: String, paper: String, usesPreferences: Bool = false,
        defaultTarget: WeightingTarget = .sharedParameters,
        preferenceSet: @escaping @Sendable (Int, Int) -> [[Double]] = WeightingRegistry.spreadPreferences,
        make: @escaping @Sendable (WeightingSettings) throws -> W
    ) {
        self.init(name: W.name, aliases: aliases, summary: summary, paper: paper, requirement: W.requirement,
                  usesPreferences: usesPreferences, defaultTarget: defaultTarget, preferenceSet: preferenceSet) { settings, rng in
            try WeightingRun(make(settings), objectives: settings.objectives, rng: rng)
        }
    }
}

/// All gradient-weighting methods available by name. Adding a method = one new file defining it
/// and its `static let registration`, plus one line in `methods` below.
public enum WeightingRegistry {
    /// The registered methods, in help-text order.
    public static let methods: [RegisteredWeighting] = [
        EqualWeighting.registration,
        LinearScalarization.registration,
        MGDAWeighting.registration,
        MGDAWeighting.upperBoundRegistration,
        ParetoMTLWeighting.registration,
        EPOWeighting.registration,
        PCGradWeighting.registration,
        CAGradWeighting.registration,
        NashMTLWeighting.registration,
        IMTLGWeighting.registration,
        AlignedMTLWeighting.registration,
        UPGradWeighting.registration,
        DualProjWeighting.registration,
        GradNormWeighting.registration,
        DWAWeighting.registration,
        UncertaintyWeighting.registration,
        RandomLossWeighting.registration,
        FAMOWeighting.registration,
    ]

    /// `count` preference vectors on the simplex for `objectives` objectives, strictly inside it:
    /// for two objectives `((k + ½)/count, 1 − (k + ½)/count)`; for more, the first `count` points
    /// of the smallest Das–Dennis lattice with at least `count` points, shifted off the boundary
    /// (`(λ + ε)/(1 + Kε)` with `ε = 1/(2·divisions)`).
    public static func spreadPreferences(count: Int, objectives: Int) -> [[Double]] {
        guard count >= 1, objectives >= 1 else { return [] }
        if objectives == 1 { return [[Double]](repeating: [1], count: count) }
        if objectives == 2 {
            return (0..<count).map { k in let a = (Double(k) + 0.5) / Double(count); return [a, 1 - a] }
        }
        var divisions = 1
        while (dasDennisCount(objectives: objectives, divisions: divisions) ?? Int.max) < count { divisions += 1 }
        guard let lattice = try? dasDennisDirections(objectives: objectives, divisions: divisions) else { return [] }
        let eps = 1 / (2 * Double(divisions))
        let scale = 1 + Double(objectives) * eps
        return (0..<count).map { r -> [Double] in
            (0..<objectives).map { c -> Double in (lattice[r, c] + eps) / scale }
        }
    }

    /// Names (without aliases) of all registered methods.
    public static var names: [String] { methods.map(\.name) }

    /// The entry for `name` or one of its aliases (case-insensitive), or `nil`.
    public static func lookup(_ name: String) -> RegisteredWeighting? {
        let key = name.lowercased()
        return methods.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// The entry for `name` or one of its aliases (case-insensitive).
    /// - Throws: `OptimizerError.unknownName` listing the known names.
    public static func entry(named name: String) throws -> RegisteredWeighting {
        guard let entry = lookup(name) else {
            throw OptimizerError.unknownName("weighting '\(name)'; known: \(names.joined(separator: ", "))")
        }
        return entry
    }
}
