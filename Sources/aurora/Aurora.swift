@main
struct Aurora {
    static func main() {
        print("aurora")
    }
}
