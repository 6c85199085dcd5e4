/// The kind of label an objective predicts.
public enum LabelKind: String, Codable, Sendable, CaseIterable {
    /// A 0/1 label: the head outputs a logit, the prediction is its sigmoid, the loss is BCE.
    case binary
    /// A real-valued label: the head outputs the value itself, the loss is MSE (or Huber).
    case continuous
}

/// One prediction objective (task) of a multi-task recommender, e.g. click (binary) or watch time
/// (continuous).
public struct ObjectiveSpec: Codable, Sendable, Equatable, Hashable {
    /// Column / task name, e.g. `"click"`.
    public var name: String
    /// Label kind.
    public var kind: LabelKind

    public init(name: String, kind: LabelKind) {
        self.name = name
        self.kind = kind
    }
}
