// swift-tools-version: 6.1
//
// ParetoRec — Pareto multi-objective optimization of recommender systems.
// Module layering (see README and DESIGN): CNumerics → NumericCore → {ParetoCore → ParetoOptimizers,
// Recommender} → Scenarios → paretorec.
import PackageDescription

let package = Package(
    name: "ParetoRec",
    products: [
        .library(name: "NumericCore", targets: ["NumericCore"]),
        .library(name: "ParetoCore", targets: ["ParetoCore"]),
        .library(name: "ParetoOptimizers", targets: ["ParetoOptimizers"]),
        .library(name: "Recommender", targets: ["Recommender"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "Distributed", targets: ["Distributed"]),
        .executable(name: "paretorec", targets: ["paretorec"]),
        .executable(name: "paretorec-bench", targets: ["ParetoBench"]),
        .executable(name: "paretorec-fuzz", targets: ["ParetoRecFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
    ],
    targets: [
        // One system library over Debian's libopenblas-dev, liblapacke-dev and libgsl-dev.
        .systemLibrary(
            name: "CNumerics",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev", "libgsl-dev"])]
        ),
        // Open MPI (Debian's libopenmpi-dev), used only by the Distributed module; a plain run never
        // calls MPI_Init, so it needs no mpirun.
        .systemLibrary(
            name: "CMPI",
            pkgConfig: "ompi-c",
            providers: [.apt(["openmpi-bin", "libopenmpi-dev"])]
        ),
        .target(name: "NumericCore", dependencies: ["CNumerics"]),
        .target(name: "ParetoCore", dependencies: ["NumericCore"]),
        .target(name: "ParetoOptimizers", dependencies: ["ParetoCore", "NumericCore", "CNumerics"]),
        .target(name: "Recommender", dependencies: ["NumericCore", "CNumerics", .product(name: "Yams", package: "Yams")]),
        // TensorBoard event files (TFRecord framing, Event/Summary messages generated from Proto/event.proto).
        .target(
            name: "TensorBoardEvents",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Proto"]
        ),
        .target(
            name: "Scenarios",
            dependencies: ["ParetoOptimizers", "Recommender", "ParetoCore", "NumericCore", "TensorBoardEvents",
                           .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Distributed", dependencies: ["CMPI", "NumericCore", "ParetoOptimizers", "Recommender"]),
        .executableTarget(
            name: "paretorec",
            dependencies: [
                "Distributed", "Scenarios", "ParetoOptimizers", "ParetoCore", "Recommender", "NumericCore", "TensorBoardEvents",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ParetoBench",
            dependencies: ["ParetoCore", "ParetoOptimizers", "Recommender", "NumericCore", "Scenarios", "TensorBoardEvents"]
        ),
        // Fuzz targets (libFuzzer when built by Fuzz/run.sh with -DPARETOREC_FUZZING; otherwise a
        // replay tool for saved inputs).
        .executableTarget(
            name: "ParetoRecFuzz",
            dependencies: ["ParetoCore", "ParetoOptimizers", "Recommender", "Scenarios", "NumericCore"]
        ),
        .testTarget(name: "NumericCoreTests", dependencies: ["NumericCore", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(
            name: "ParetoCoreTests",
            dependencies: ["ParetoCore", "NumericCore", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ParetoOptimizersTests",
            dependencies: ["ParetoOptimizers", "ParetoCore", "NumericCore", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        // Slow stochastic quality bars (NSGA-II and SMPSO vs pymoo/pygmo medians); run with
        // `swift test --filter ParetoOptimizersAcceptanceTests`, preferably with `-c release`.
        .testTarget(
            name: "ParetoOptimizersAcceptanceTests",
            dependencies: ["ParetoOptimizers", "ParetoCore", "NumericCore"],
            resources: [.copy("Fixtures")]
        ),
        // Reads the event files back with TensorBoard's own Python loader (skipped when python3 lacks `tensorboard`).
        .testTarget(name: "TensorBoardEventsTests", dependencies: ["TensorBoardEvents"], resources: [.copy("Scripts")]),
        .testTarget(name: "RecommenderTests", dependencies: ["Recommender", "NumericCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "ParetoOptimizers", "ParetoCore", "NumericCore"], resources: [.copy("Fixtures")]),
        // End-to-end tests that run the built `paretorec` and `paretorec-fuzz` executables (the
        // dependencies make `swift test` build them).
        .testTarget(name: "CLITests", dependencies: ["paretorec", "ParetoRecFuzz"]),
    ]
)
