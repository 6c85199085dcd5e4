import NumericCore
import ParetoOptimizers
import Recommender

/// A recommender evaluation travels whole between processes: a worker that trained the model sends
/// its validation metrics, loss curve and parameters (raw bits), and the coordinator keeps them in
/// its cache, so the final Pareto set's test metrics (measured by the coordinator), fusion and
/// ranking reports need no second training and are the same bits as in a one-process run.
extension RecommenderProblem: RecordingProblem {
    /// Trains (or finds cached) the model of `x` and encodes its outcome.
    /// - Complexity: one training, then O(parameters) to encode.
    public func evaluationRecord(for x: [Double]) throws -> [UInt8] {
        let outcome = try outcome(for: x)
        var w = ByteRecordWriter()
        w.write(outcome.validation)
        w.write(outcome.lossCurve)
        w.write(outcome.model.parameters.dense)
        w.write(outcome.model.parameters.embeddings.count)
        for table in outcome.model.parameters.embeddings { w.write(table) }
        return w.bytes
    }

    /// Rebuilds the outcome of `x` from a record, caches it and returns the objectives (negated
    /// validation metrics). - Throws: `ByteRecordError` or `ConfigError` when the record does not fit
    /// the model `x` asks for.
    public func adoptEvaluationRecord(_ record: [UInt8], for x: [Double]) throws -> [Double] {
        var r = ByteRecordReader(record)
        let validation = try r.readDoubles(), loss = try r.readDoubles()
        let dense = try r.readFloats()
        let tables = try r.readInt()
        var model = try trainer.untrainedModel(for: request(for: x))
        guard tables == model.parameters.embeddings.count, dense.count == model.parameters.dense.count,
              validation.count == objectiveCount else {
            throw ConfigError(file: "<evaluation record>", message: "record does not match the model of this decision vector")
        }
        var embeddings: [[Float]] = []
        for t in 0..<tables {
            let table = try r.readFloats()
            guard table.count == model.parameters.embeddings[t].count else {
                throw ConfigError(file: "<evaluation record>", message: "embedding table \(t) has \(table.count) values, expected \(model.parameters.embeddings[t].count)")
            }
            embeddings.append(table)
        }
        model.parameters = ModelParameters(dense: dense, embeddings: embeddings)
        adopt(TrainingOutcome(validation: validation, lossCurve: loss, model: model), for: x)
        return validation.map { -$0 }
    }
}
