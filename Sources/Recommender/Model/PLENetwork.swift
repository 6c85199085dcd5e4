import NumericCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progressive Layered Extraction: stacked Customized Gate Control levels with task-specific and
/// shared experts, then one tower per objective.
///
/// Tang, Liu, Zhao & Gong, "Progressive Layered Extraction (PLE): A Novel Multi-Task Learning (MTL)
/// Model for Personalized Recommendations", RecSys 2020, doi:10.1145/3383313.3412236.
///
/// Level `l` reads one input per task (`x` at level 0, else that task's output of level `l−1`) and a
/// shared input (`x`, else the shared output of level `l−1`). Task `k`'s `T` experts read its task
/// input, the `S` shared experts the shared input. Task `k`'s gate (softmax of a linear map of its task
/// input) mixes its own and the shared experts into its output; below the last level a shared gate
/// (of the shared input) mixes all `K·T + S` experts into the shared output. The towers (ReLU layers,
/// then a linear unit) read the last level's task outputs. One level is the paper's CGC model.
///
/// Heads: the last level's task gates and the towers. Shared parameters: every expert and every gate
/// below the last level, and the embeddings. The shared representation is what the heads read from
/// them: the last level's `K·T + S` expert outputs, then the gate input (the embedding columns of
/// `x` for one level, otherwise the `K` task inputs of the last level).
/// Complexity per batch of `B`: O(B·L·((K·T + S)·expert cost + (K + 1)·din·(K·T + S)) + K·tower cost).
struct PLENetwork: Sendable, Equatable {
    /// One CGC level.
    struct Level: Sendable, Equatable {
        let experts: [MLPSpec]  // task 0's T, …, task K−1's T, then the S shared ones
        let taskGates: [LayerSpec]
        let sharedGate: LayerSpec?
        let inSize: Int
    }

    let levels: [Level]
    let towers: [MLPSpec]
    let objectives: Int
    let taskExperts: Int
    let sharedExperts: Int
    let expertSize: Int
    let inputSize: Int
    let embeddingColumns: Int
    let parameterCount: Int
    let sharedParameterCount: Int

    init(encoder: InputEncoder, levels levelCount: Int, taskExperts t: Int, sharedExperts s: Int,
         expertWidths: [Int], towerWidths: [Int], objectives k: Int) {
        var offset = encoder.sequenceParameterCount  // the sequence tower's parameters come first
        let din = encoder.sharedInputSize, de = expertWidths[expertWidths.count - 1], m = k * t + s
        func gate(_ inSize: Int, _ outSize: Int) -> LayerSpec {
            defer { offset += inSize * outSize + outSize }
            return LayerSpec(inSize: inSize, outSize: outSize, weight: offset, bias: offset + inSize * outSize, relu: false)
        }
        var experts: [[MLPSpec]] = [], inner: [([LayerSpec], LayerSpec)] = []
        for l in 0..<levelCount {
            let inSize = l == 0 ? din : de
            experts.append((0..<m).map { _ in MLPSpec(inSize: inSize, widths: expertWidths, offset: &offset) })
            if l < levelCount - 1 { inner.append(((0..<k).map { _ in gate(inSize, t + s) }, gate(inSize, m))) }
        }
        sharedParameterCount = offset
        let lastIn = levelCount == 1 ? din : de
        let lastGates = (0..<k).map { _ in gate(lastIn, t + s) }
        levels = (0..<levelCount).map { l in
            l < levelCount - 1
                ? Level(experts: experts[l], taskGates: inner[l].0, sharedGate: inner[l].1, inSize: l == 0 ? din : de)
                : Level(experts: experts[l], taskGates: lastGates, sharedGate: nil, inSize: lastIn)
        }
        towers = (0..<k).map { _ in MLPSpec(inSize: de, widths: towerWidths + [1], reluOnLast: false, offset: &offset) }
        objectives = k; taskExperts = t; sharedExperts = s; expertSize = de; inputSize = din
        embeddingColumns = encoder.userEmbeddingColumns
        parameterCount = offset
    }

    var expertCount: Int { objectives * taskExperts + sharedExperts }
    /// Experts task `k`'s gate mixes, in gate order: its own, then the shared ones.
    func gated(task k: Int) -> [Int] { Array(k * taskExperts..<(k + 1) * taskExperts) + Array(objectives * taskExperts..<expertCount) }
    /// Whether expert `j` reads the shared input; else it reads task `j / T`'s input.
    func isShared(_ j: Int) -> Bool { j >= objectives * taskExperts }
    private var gateInputWidth: Int { levels.count == 1 ? embeddingColumns : expertSize }
    private var gateInputBlocks: Int { levels.count == 1 ? 1 : objectives }

    /// Experts and towers as in `MLPSpec`; gate weights Xavier-uniform; zero biases.
    func initialize(_ parameters: inout [Float], generator: inout SeededGenerator) {
        for level in levels {
            for e in level.experts { e.initialize(&parameters, generator: &generator) }
            for g in level.taskGates + (level.sharedGate.map { [$0] } ?? []) {
                let a = (6 / Double(g.inSize + g.outSize)).squareRoot()
                for i in 0..<(g.inSize * g.outSize) { parameters[g.weight + i] = Float(generator.nextUniform(in: -a, a)) }
                for j in 0..<g.outSize { parameters[g.bias + j] = 0 }
            }
        }
        for t in towers { t.initialize(&parameters, generator: &generator) }
    }

    func representationSize(batch: Int) -> Int { batch * (expertCount * expertSize + gateInputBlocks * gateInputWidth) }

    /// Task `k`'s input of level `l` (pointer, leading dimension).
    private func taskInput(_ l: Int, _ k: Int, _ ws: ModelWorkspace, _ pw: PLEWorkspace) -> (UnsafePointer<Float>, Int) {
        l == 0 ? (UnsafePointer(ws.inputs.pointer), inputSize) : (UnsafePointer(pw.levels[l - 1].taskOutputs[k].pointer), expertSize)
    }

    private func sharedInput(_ l: Int, _ ws: ModelWorkspace, _ pw: PLEWorkspace) -> (UnsafePointer<Float>, Int) {
        l == 0 ? (UnsafePointer(ws.inputs.pointer), inputSize) : (UnsafePointer(pw.levels[l - 1].sharedOutput.pointer), expertSize)
    }

    private func expertInput(_ l: Int, _ j: Int, _ ws: ModelWorkspace, _ pw: PLEWorkspace) -> (UnsafePointer<Float>, Int) {
        isShared(j) ? sharedInput(l, ws, pw) : taskInput(l, j / taskExperts, ws, pw)
    }

    func forward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ pw: PLEWorkspace) {
        let b = ws.batch, de = expertSize
        for (l, level) in levels.enumerated() {
            let lw = pw.levels[l]
            for j in 0..<expertCount {
                let (x, ld) = expertInput(l, j, ws, pw)
                level.experts[j].forward(parameters: p, x: x, ldx: ld, batch: b, workspace: lw.experts[j])
            }
            for k in 0..<objectives {
                let (x, ld) = taskInput(l, k, ws, pw)
                GatedMixture.forward(p, gate: level.taskGates[k], x: x, ldx: ld, batch: b, experts: gated(task: k).map { lw.experts[$0].output },
                                     width: de, probabilities: lw.taskGates[k].pointer, output: lw.taskOutputs[k].pointer)
            }
            if let sg = level.sharedGate {
                let (x, ld) = sharedInput(l, ws, pw)
                GatedMixture.forward(p, gate: sg, x: x, ldx: ld, batch: b, experts: lw.experts.map(\.output), width: de,
                                     probabilities: lw.sharedGate.pointer, output: lw.sharedOutput.pointer)
            }
        }
        let last = pw.levels[levels.count - 1]
        for k in 0..<objectives {
            towers[k].forward(parameters: p, x: last.taskOutputs[k].pointer, ldx: de, batch: b, workspace: pw.towers[k])
            let out = pw.towers[k].output
            for n in 0..<b { ws.scores.pointer[n * objectives + k] = out[n] }
        }
    }

    /// Towers and last-level task gates backward for `dS` (objective `only` alone when given): head
    /// gradients into `gradient`, the representation gradient into `representation`.
    func headBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ pw: PLEWorkspace, dS: UnsafePointer<Float>,
                      only: Int?, gradient: UnsafeMutablePointer<Float>?, representation: UnsafeMutablePointer<Float>?) {
        let b = ws.batch, de = expertSize, l = levels.count - 1, level = levels[l], lw = pw.levels[l]
        let dOut = pw.towerGradient.pointer, dMix = pw.mixtureGradient.pointer, dLogit = pw.logitGradient.pointer
        if let representation { representation.update(repeating: 0, count: representationSize(batch: b)) }
        let gateInput = representation.map { $0 + expertCount * b * de }
        let range = only.map { $0..<($0 + 1) } ?? 0..<objectives
        for k in range {
            for n in 0..<b { dOut[n] = dS[n * objectives + k] }
            towers[k].backward(parameters: p, x: lw.taskOutputs[k].pointer, ldx: de, batch: b, workspace: pw.towers[k],
                               dOut: dOut, gradient: gradient, dx: dMix, lddx: de, inputColumns: de, accumulateInput: false)
            let (x, ld) = taskInput(l, k, ws, pw)
            let experts = gated(task: k)
            GatedMixture.backward(p, gate: level.taskGates[k], x: x, ldx: ld, batch: b, experts: experts.map { UnsafePointer(lw.experts[$0].output) },
                                  width: de, probabilities: lw.taskGates[k].pointer, dOutput: dMix, logitGradient: dLogit,
                                  expertGradients: representation.map { r in experts.map { r + $0 * b * de } },
                                  gradient: gradient,
                                  inputGradient: gateInput.map { levels.count == 1 ? $0 : $0 + k * b * de },
                                  inputColumns: gateInputWidth)
        }
    }

    /// Backward from the representation through the last level's experts and every lower level into
    /// the shared parameters and the embeddings.
    func sharedBackward(_ p: UnsafePointer<Float>, _ ws: ModelWorkspace, _ pw: PLEWorkspace,
                        representation: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                        tableGradients: inout [[Float]], encoder: InputEncoder) {
        let b = ws.batch, de = expertSize, ec = embeddingColumns, dx = ws.inputGradients.pointer
        let top = levels.count - 1
        if ec > 0 { for n in 0..<b { (dx + n * inputSize).update(repeating: 0, count: ec) } }
        // Gradients w.r.t. the inputs of the level being processed: per task and shared (levels > 0).
        let gateInput = representation + expertCount * b * de
        if top == 0 {
            if ec > 0 { for n in 0..<b { VectorKernels.axpy(1, gateInput + n * ec, dx + n * inputSize, ec) } }
        } else {
            for k in 0..<objectives { pw.taskInputGradients[k].pointer.update(from: gateInput + k * b * de, count: b * de) }
            pw.sharedInputGradient.pointer.update(repeating: 0, count: b * de)
        }
        expertsBackward(p, level: top, ws, pw, dExperts: (0..<expertCount).map { representation + $0 * b * de }, gradient: gradient)
        for l in stride(from: top - 1, through: 0, by: -1) {
            let level = levels[l], lw = pw.levels[l]
            // The inputs' gradients of level l + 1 are the outputs' gradients of level l.
            for k in 0..<objectives { pw.taskOutputGradients[k].pointer.update(from: pw.taskInputGradients[k].pointer, count: b * de) }
            pw.sharedOutputGradient.pointer.update(from: pw.sharedInputGradient.pointer, count: b * de)
            if l > 0 {
                for k in 0..<objectives { pw.taskInputGradients[k].pointer.update(repeating: 0, count: b * de) }
                pw.sharedInputGradient.pointer.update(repeating: 0, count: b * de)
            }
            for j in 0..<expertCount { pw.expertGradients[j].pointer.update(repeating: 0, count: b * de) }
            let dExperts = pw.expertGradients.map(\.pointer)
            for k in 0..<objectives {
                let (x, ld) = taskInput(l, k, ws, pw)
                let experts = gated(task: k)
                GatedMixture.backward(p, gate: level.taskGates[k], x: x, ldx: ld, batch: b, experts: experts.map { UnsafePointer(lw.experts[$0].output) },
                                      width: de, probabilities: lw.taskGates[k].pointer, dOutput: pw.taskOutputGradients[k].pointer,
                                      logitGradient: pw.logitGradient.pointer, expertGradients: experts.map { dExperts[$0] }, gradient: gradient,
                                      inputGradient: l == 0 ? (ec > 0 ? dx : nil) : pw.taskInputGradients[k].pointer,
                                      inputColumns: l == 0 ? ec : de, inputStride: l == 0 ? inputSize : de)
            }
            if let sg = level.sharedGate {
                let (x, ld) = sharedInput(l, ws, pw)
                GatedMixture.backward(p, gate: sg, x: x, ldx: ld, batch: b, experts: lw.experts.map { UnsafePointer($0.output) },
                                      width: de, probabilities: lw.sharedGate.pointer, dOutput: pw.sharedOutputGradient.pointer,
                                      logitGradient: pw.logitGradient.pointer, expertGradients: dExperts, gradient: gradient,
                                      inputGradient: l == 0 ? (ec > 0 ? dx : nil) : pw.sharedInputGradient.pointer,
                                      inputColumns: l == 0 ? ec : de, inputStride: l == 0 ? inputSize : de)
            }
            expertsBackward(p, level: l, ws, pw, dExperts: dExperts.map { UnsafePointer($0) }, gradient: gradient)
        }
        let up = encoder.userPlacement(capacity: ws.capacity), ip = encoder.itemPlacement(capacity: ws.capacity)
        encoder.scatterEmbeddingGradients(&tableGradients, workspace: ws, batch: b, from: dx, user: up, item: ip)
    }

    /// Backward through level `l`'s experts from their output gradients, adding the input gradients
    /// into the task / shared input gradients (level > 0) or the embedding columns of `dx` (level 0).
    private func expertsBackward(_ p: UnsafePointer<Float>, level l: Int, _ ws: ModelWorkspace, _ pw: PLEWorkspace,
                                 dExperts: [UnsafePointer<Float>], gradient: UnsafeMutablePointer<Float>) {
        let b = ws.batch, de = expertSize, ec = embeddingColumns
        for j in 0..<expertCount {
            let (x, ld) = expertInput(l, j, ws, pw)
            let target: UnsafeMutablePointer<Float>?
            if l == 0 { target = ec > 0 ? ws.inputGradients.pointer : nil }
            else { target = isShared(j) ? pw.sharedInputGradient.pointer : pw.taskInputGradients[j / taskExperts].pointer }
            levels[l].experts[j].backward(parameters: p, x: x, ldx: ld, batch: b, workspace: pw.levels[l].experts[j], dOut: dExperts[j],
                                          gradient: gradient, dx: target, lddx: l == 0 ? inputSize : de,
                                          inputColumns: target == nil ? 0 : (l == 0 ? ec : de), accumulateInput: true)
        }
    }
}

/// Scratch buffers of the PLE network.
final class PLEWorkspace {
    final class Level {
        let experts: [MLPWorkspace]
        let taskGates: [FloatBuffer]
        let taskOutputs: [FloatBuffer]
        let sharedGate: FloatBuffer
        let sharedOutput: FloatBuffer
        init(_ level: PLENetwork.Level, net: PLENetwork, capacity: Int) {
            experts = level.experts.map { MLPWorkspace($0, capacity: capacity) }
            taskGates = (0..<net.objectives).map { _ in FloatBuffer(capacity * (net.taskExperts + net.sharedExperts)) }
            taskOutputs = (0..<net.objectives).map { _ in FloatBuffer(capacity * net.expertSize) }
            sharedGate = FloatBuffer(level.sharedGate == nil ? 1 : capacity * net.expertCount)
            sharedOutput = FloatBuffer(level.sharedGate == nil ? 1 : capacity * net.expertSize)
        }
    }
    let levels: [Level]
    let towers: [MLPWorkspace]
    let towerGradient: FloatBuffer
    let mixtureGradient: FloatBuffer
    let logitGradient: FloatBuffer
    let expertGradients: [FloatBuffer]
    let taskOutputGradients: [FloatBuffer]
    let taskInputGradients: [FloatBuffer]
    let sharedOutputGradient: FloatBuffer
    let sharedInputGradient: FloatBuffer

    init(_ net: PLENetwork, capacity: Int) {
        let block = capacity * net.expertSize
        levels = net.levels.map { Level($0, net: net, capacity: capacity) }
        towers = net.towers.map { MLPWorkspace($0, capacity: capacity) }
        towerGradient = FloatBuffer(capacity)
        mixtureGradient = FloatBuffer(block)
        logitGradient = FloatBuffer(capacity * net.expertCount)
        expertGradients = (0..<net.expertCount).map { _ in FloatBuffer(block) }
        taskOutputGradients = (0..<net.objectives).map { _ in FloatBuffer(block) }
        taskInputGradients = (0..<net.objectives).map { _ in FloatBuffer(block) }
        sharedOutputGradient = FloatBuffer(block)
        sharedInputGradient = FloatBuffer(block)
    }
}
