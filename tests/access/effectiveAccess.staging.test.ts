import { effectiveAccessSuite } from "./effectiveAccessSuite";

effectiveAccessSuite("staging");
