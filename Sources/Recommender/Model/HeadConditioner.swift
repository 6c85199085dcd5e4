import NumericCore

/// Maps a `PreferenceConditionedModel`'s parameters and a preference `λ` to the dense vector of the
/// plain model `λ` selects, and maps that vector's gradient back (internal).
///
/// The shared part is copied unchanged. FiLM scales segments of the head (each segment is one row
/// of a head matrix, i.e. the weights one input feature of that head feeds): `θ[seg_u] = C[seg_u]·γ_u`
/// with `γ_u = 1 + Γ_u·λ`; so `dC[seg_u] = γ_u·dθ[seg_u]` and `dΓ_uj = λ_j·(C[seg_u]·dθ[seg_u])`.
/// The hypernetwork is `HyperNetworkHead`.
struct HeadConditioner: Sendable, Equatable {
    let objectives: Int
    /// First head element of the dense vector and number of head elements.
    let headStart: Int
    let headCount: Int
    let kind: Kind

    enum Kind: Sendable, Equatable {
        /// FiLM segments: start offsets (into the dense vector) and their common length per unit.
        case film(starts: [Int], lengths: [Int])
        case hypernetwork(HyperNetworkHead)
    }

    /// Row `i` of tower `k`'s first matrix (the weights input feature `i` feeds) as FiLM segments.
    static func towerRows(_ towers: [MLPSpec], objectives k: Int, starts: inout [Int], lengths: inout [Int]) {
        for o in 0..<min(k, towers.count) {
            let layer = towers[o].layers[0]
            for i in 0..<layer.inSize { starts.append(layer.weight + i * layer.outSize); lengths.append(layer.outSize) }
        }
    }

    init(network: Network, conditioning: PreferenceConditioning, objectives k: Int) {
        objectives = k
        headStart = network.sharedParameterCount
        headCount = network.parameterCount - network.sharedParameterCount
        switch conditioning {
        case .film:
            var starts: [Int] = [], lengths: [Int] = []
            switch network {
            case .twoTower(let n):
                // Row i of W_k: the dg weights that feature h_i feeds in objective k's bilinear form.
                for o in 0..<k {
                    for i in 0..<n.dh { starts.append(n.interaction + i * k * n.dg + o * n.dg); lengths.append(n.dg) }
                }
            case .mmoe(let n):
                // Row i of tower k's first matrix: the weights mixture feature m_ki feeds.
                Self.towerRows(n.towers, objectives: k, starts: &starts, lengths: &lengths)
            case .sharedBottom(let n):
                Self.towerRows(n.towers, objectives: k, starts: &starts, lengths: &lengths)
            case .ple(let n):
                Self.towerRows(n.towers, objectives: k, starts: &starts, lengths: &lengths)
            case .esmm(let n):
                Self.towerRows([n.ctr, n.cvr], objectives: k, starts: &starts, lengths: &lengths)
            }
            kind = .film(starts: starts, lengths: lengths)
        case .hypernetwork(let hidden):
            kind = .hypernetwork(HyperNetworkHead(preferences: k, hidden: hidden, outputs: headCount))
        }
    }

    /// Number of conditioner parameters.
    var parameterCount: Int {
        switch kind {
        case .film(let starts, _): return starts.count * objectives
        case .hypernetwork(let h): return h.parameterCount
        }
    }

    /// FiLM: `Γ ~ N(0, 0.1²)`; the hypernetwork: see `HyperNetworkHead.initialize`.
    func initialParameters(baseDense: [Float], generator: inout SeededGenerator) -> [Float] {
        var phi = [Float](repeating: 0, count: parameterCount)
        switch kind {
        case .film:
            for i in phi.indices { phi[i] = Float(generator.nextGaussian() * 0.1) }
        case .hypernetwork(let h):
            let head = baseDense[headStart..<(headStart + headCount)]
            let rms = (head.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(headCount, 1))).squareRoot()
            h.initialize(&phi, headScale: rms, generator: &generator)
        }
        return phi
    }

    /// Writes the effective dense vector for `λ` into `out` (length `headStart + headCount`).
    func apply(base c: UnsafePointer<Float>, conditioner phi: UnsafePointer<Float>, preference lambda: [Float],
               into out: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>?) {
        out.update(from: c, count: headStart + headCount)
        switch kind {
        case .film(let starts, let lengths):
            for u in starts.indices {
                let gamma = 1 + VectorKernels.dot(phi + u * objectives, lambda, objectives)
                VectorKernels.scale(gamma, c + starts[u], out + starts[u], lengths[u])
            }
        case .hypernetwork(let h):
            h.forward(phi, preference: lambda, addInto: out + headStart)
        }
    }

    /// From the gradient `dTheta` of the effective dense vector, writes the gradient of the base dense
    /// vector into `gradient[0..<headStart+headCount]` and of the conditioner after it.
    func backward(base c: UnsafePointer<Float>, conditioner phi: UnsafePointer<Float>, preference lambda: [Float],
                  effectiveGradient dTheta: UnsafePointer<Float>, into gradient: UnsafeMutablePointer<Float>) {
        let n = headStart + headCount
        gradient.update(from: dTheta, count: n)
        let dPhi = gradient + n
        switch kind {
        case .film(let starts, let lengths):
            for u in starts.indices {
                let gamma = 1 + VectorKernels.dot(phi + u * objectives, lambda, objectives)
                VectorKernels.scale(gamma, dTheta + starts[u], gradient + starts[u], lengths[u])
                let inner = VectorKernels.dot(c + starts[u], dTheta + starts[u], lengths[u])
                for j in 0..<objectives { dPhi[u * objectives + j] = lambda[j] * inner }
            }
        case .hypernetwork(let h):
            h.backward(phi, preference: lambda, outputGradient: dTheta + headStart, into: dPhi)
        }
    }
}
