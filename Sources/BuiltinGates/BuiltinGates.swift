import AccuracyGate
import GDPRGate
import LatencyGate
import SecurityGate
import ModelGate

/// Every built-in gate type, in one list sorted by type name. A test checks that each gate
/// folder under gates/ is listed here, and runs every listed gate's examples.
public enum BuiltinGates {
    public static let all: [any Gate.Type] = [
        AccuracyGate.self,
        GDPRGate.self,
        LatencyGate.self,
        SecurityGate.self,
    ]
}
