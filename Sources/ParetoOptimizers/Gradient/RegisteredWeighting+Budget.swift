extension RegisteredWeighting {
    /// Budget keys an experiment must give an in-training method: none (the number of trainings
    /// defaults to the harness's choice).
    public var requiredBudget: Set<BudgetKey> { [] }
    /// Budget keys an experiment may give: `preferences`, the number of trainings (each with its own
    /// preference vector for a preference-based method, an independent initialization otherwise).
    public var acceptedBudget: Set<BudgetKey> { [.preferences] }
}
