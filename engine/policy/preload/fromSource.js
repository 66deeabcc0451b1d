// Runs the TypeScript preload when the engine itself runs from source (its tests): compiles it with a
// ts-node instance of its own and switches that instance off again, so the pack's runner registers
// ts-node afresh, type-checking the pack as the Pulumi engine would. The built engine preloads the
// compiled deferSdkModules.js and shareDecoding.js directly and never loads this file.
const service = require("ts-node").register({ transpileOnly: true });
require("./deferSdkModules.ts");
require("./shareDecoding.ts");
require("./skipTypeScript.ts");
require("./serveDirect.ts");
service.enabled(false);
