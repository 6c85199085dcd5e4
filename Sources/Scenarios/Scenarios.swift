// Scenarios: joins ParetoOptimizers and Recommender — scenario definitions, recommender-as-problem
// adapters, the experiment runner and reports. See README.
