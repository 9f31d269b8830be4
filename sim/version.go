package sim

// Version is cogov's version, recorded in every manifest.
const Version = "0.1.0"
