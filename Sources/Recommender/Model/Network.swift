import NumericCore

/// The architecture-specific part of a model, dispatched by case (internal).
enum Network: Sendable, Equatable {
    case twoTower(TwoTowerNetwork)
    case mmoe(MMoENetwork)
    case sharedBottom(SharedBottomNetwork)
    case esmm(ESMMNetwork)
    case ple(PLENetwork)

    var parameterCount: Int {
        switch self {
        case .twoTower(let n): return n.parameterCount
        case .mmoe(let n): return n.parameterCount
        case .sharedBottom(let n): return n.parameterCount
        case .esmm(let n): return n.parameterCount
        case .ple(let n): return n.parameterCount
        }
    }

    var sharedParameterCount: Int {
        switch self {
        case .twoTower(let n): return n.sharedParameterCount
        case .mmoe(let n): return n.sharedParameterCount
        case .sharedBottom(let n): return n.sharedParameterCount
        case .esmm(let n): return n.sharedParameterCount
        case .ple(let n): return n.sharedParameterCount
        }
    }

    func initialize(_ parameters: inout [Float], generator: inout SeededGenerator) {
        switch self {
        case .twoTower(let n): n.initialize(&parameters, generator: &generator)
        case .mmoe(let n): n.initialize(&parameters, generator: &generator)
        case .sharedBottom(let n): n.initialize(&parameters, generator: &generator)
        case .esmm(let n): n.initialize(&parameters, generator: &generator)
        case .ple(let n): n.initialize(&parameters, generator: &generator)
        }
    }

    func representationSize(batch: Int) -> Int {
        switch self {
        case .twoTower(let n): return n.representationSize(batch: batch)
        case .mmoe(let n): return n.representationSize(batch: batch)
        case .sharedBottom(let n): return n.representationSize(batch: batch)
        case .esmm(let n): return n.representationSize(batch: batch)
        case .ple(let n): return n.representationSize(batch: batch)
        }
    }

    func makeWorkspace(capacity: Int) -> NetworkWorkspace {
        switch self {
        case .twoTower(let n): return .twoTower(TwoTowerWorkspace(n, capacity: capacity))
        case .mmoe(let n): return .mmoe(MMoEWorkspace(n, capacity: capacity))
        case .sharedBottom(let n): return .sharedBottom(SharedBottomWorkspace(n, capacity: capacity))
        case .esmm(let n): return .esmm(ESMMWorkspace(n, capacity: capacity))
        case .ple(let n): return .ple(PLEWorkspace(n, capacity: capacity))
        }
    }

    func forward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, encoder: InputEncoder) {
        encoder.sequence?.forward(p, ws, encoder: encoder)
        switch (self, ws.network) {
        case (.twoTower(let n), .twoTower(let w)): n.forward(p, ws, w, encoder: encoder)
        case (.mmoe(let n), .mmoe(let w)): n.forward(p, ws, w, encoder: encoder)
        case (.sharedBottom(let n), .sharedBottom(let w)): n.forward(p, ws, w)
        case (.esmm(let n), .esmm(let w)): n.forward(p, ws, w)
        case (.ple(let n), .ple(let w)): n.forward(p, ws, w)
        default: preconditionFailure("workspace built for another architecture")
        }
    }

    func headBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, dS: UnsafePointer<Float>, only: Int?,
                      gradient: UnsafeMutablePointer<Float>?, representation: UnsafeMutablePointer<Float>?) {
        switch (self, ws.network) {
        case (.twoTower(let n), .twoTower(let w)):
            n.headBackward(p, ws, w, dS: dS, only: only, gradient: gradient, representation: representation)
        case (.mmoe(let n), .mmoe(let w)):
            n.headBackward(p, ws, w, dS: dS, only: only, gradient: gradient, representation: representation)
        case (.sharedBottom(let n), .sharedBottom(let w)):
            n.headBackward(p, ws, w, dS: dS, only: only, gradient: gradient, representation: representation)
        case (.esmm(let n), .esmm(let w)):
            n.headBackward(p, ws, w, dS: dS, only: only, gradient: gradient, representation: representation)
        case (.ple(let n), .ple(let w)):
            n.headBackward(p, ws, w, dS: dS, only: only, gradient: gradient, representation: representation)
        default: preconditionFailure("workspace built for another architecture")
        }
    }

    func sharedBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, representation: UnsafePointer<Float>,
                        gradient: UnsafeMutablePointer<Float>, tableGradients: inout [[Float]], encoder: InputEncoder) {
        switch (self, ws.network) {
        case (.twoTower(let n), .twoTower(let w)):
            n.sharedBackward(p, ws, w, representation: representation, gradient: gradient,
                             tableGradients: &tableGradients, encoder: encoder)
        case (.mmoe(let n), .mmoe(let w)):
            n.sharedBackward(p, ws, w, representation: representation, gradient: gradient,
                             tableGradients: &tableGradients, encoder: encoder)
        case (.sharedBottom(let n), .sharedBottom(let w)):
            n.sharedBackward(p, ws, w, representation: representation, gradient: gradient,
                             tableGradients: &tableGradients, encoder: encoder)
        case (.esmm(let n), .esmm(let w)):
            n.sharedBackward(p, ws, w, representation: representation, gradient: gradient,
                             tableGradients: &tableGradients, encoder: encoder)
        case (.ple(let n), .ple(let w)):
            n.sharedBackward(p, ws, w, representation: representation, gradient: gradient,
                             tableGradients: &tableGradients, encoder: encoder)
        default: preconditionFailure("workspace built for another architecture")
        }
        // ESMM's representation is its input gradient; the other networks leave theirs in the workspace.
        var inputGradient = UnsafePointer(ws.inputGradients.pointer)
        if case .esmm = self { inputGradient = representation }
        encoder.sequence?.backward(p, ws, inputGradient: inputGradient, gradient: gradient, tableGradients: &tableGradients,
                                   encoder: encoder)
    }
}

/// Scratch buffers of a `Network` (internal).
enum NetworkWorkspace {
    case twoTower(TwoTowerWorkspace)
    case mmoe(MMoEWorkspace)
    case sharedBottom(SharedBottomWorkspace)
    case esmm(ESMMWorkspace)
    case ple(PLEWorkspace)
}
