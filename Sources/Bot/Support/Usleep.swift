import Glibc

/// `usleep(3)`.
@discardableResult
func usleepShim(_ microseconds: UInt32) -> Int32 { usleep(microseconds) }
