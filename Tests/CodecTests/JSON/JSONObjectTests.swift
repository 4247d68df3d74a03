import Codec
import Testing

@Suite struct JSONObjectTests {
    @Test func appendReplacesAnExistingValueInPlace() {
        var object = JSONObject()
        object.append("a", 1)
        object.append("b", 2)
        object.append("a", 3)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
        #expect(object.count == 2)
    }

    @Test func settingNilRemovesAMemberAndSettingANewKeyAppendsIt() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = nil
        object["d"] = "x"
        object["a"] = nil
        object["zz"] = nil
        #expect(object.keys == ["c", "d"])
        #expect(object["b"] == nil)
        #expect(Array(object.map(\.value)) == [3, "x"])
    }

    @Test func largeObjectsKeepOrderAcrossRemovalsAndReplacements() {
        var object = JSONObject((0..<40).map { ("k\($0)", JSONValue.int(Int64($0))) })
        object["k3"] = nil
        object["k39"] = "last"
        object.append("k0", "first")
        object.append("new", nil)
        var expected = (0..<40).filter { $0 != 3 }.map { "k\($0)" }
        expected.append("new")
        #expect(object.keys == expected)
        #expect(object["k0"] == "first")
        #expect(object["k39"] == "last")
        #expect(object["k4"] == 4)
        #expect(object["k3"] == nil)
    }

    @Test func equalityComparesMembersInOrder() {
        let ab: JSONObject = ["a": 1, "b": 2]
        let ba: JSONObject = ["b": 2, "a": 1]
        #expect(ab == JSONObject([("a", 1), ("b", 2)]))
        #expect(ab != ba)
        #expect(Set([ab, JSONObject([("a", 1), ("b", 2)])]).count == 1)
    }

    @Test func valueAccessorsReturnNilForOtherCases() {
        let value: JSONValue = ["i": 3, "d": 2.5, "s": "x", "b": true, "n": nil]
        #expect(value["i"]?.intValue == 3)
        #expect(value["i"]?.doubleValue == 3.0)
        #expect(value["d"]?.doubleValue == 2.5)
        #expect(value["d"]?.intValue == nil)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["s"]?.doubleValue == nil)
        #expect(value["b"]?.boolValue == true)
        #expect(value["n"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(JSONValue.array([1])["i"] == nil)
    }
}
