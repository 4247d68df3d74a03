/// The top-level help text.
enum Help {
    static func overview(_ commands: [any Command.Type]) -> String {
        let width = commands.map { $0.name.count }.max() ?? 0
        var text = """
            aurora — a pre-trade risk gate for automated crypto trading

            usage: aurora COMMAND [OPTIONS]

            commands:

            """
        for command in commands {
            text += "  " + command.name.padding(width) + "  " + command.summary + "\n"
        }
        text += """

            Run 'aurora help COMMAND' (or 'aurora COMMAND --help') for a command's options and an example.

            example:
              aurora check rules/default.yaml
              aurora eval --rules rules/default.yaml --input examples/allow.json --explain
            """
        return text
    }
}
